package dev.watcher.autoconfigure.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.watcher.BatchObserver;
import dev.watcher.ChangeBatch;
import dev.watcher.FileWatcher;
import dev.watcher.WatcherStats;
import dev.watcher.autoconfigure.FileWatchers;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Meters for every watcher, each tagged {@code watcher=<name>}. Counts the watchers keep
 * themselves are read from their {@link WatcherStats}; batch sizes and times are recorded
 * as each batch is published.
 * <p>
 * When the dispatch runs inside the {@code watcher.dispatch} observation, the
 * {@code watcher.dispatch} timer is left to it: Micrometer's observation handler records
 * a timer of that name, and registries such as Prometheus reject two meters of one name
 * with different tags.
 * <p>
 * Note that a watcher's counts start again from zero when the application context is
 * stopped and started again, because the watchers are then rebuilt.
 *
 * @author watcher team
 * @since 0.1.0
 */
public class WatcherMetrics implements MeterBinder, BatchObserver {

	private static final String TAG = "watcher";

	private static final String CHANGES = "changes";

	private final FileWatchers fileWatchers;

	private final boolean timeDispatch;

	private final List<BatchMeters> batchMeters = new CopyOnWriteArrayList<>();

	/**
	 * Create a new {@link WatcherMetrics} instance.
	 * @param fileWatchers the watchers to measure
	 */
	public WatcherMetrics(FileWatchers fileWatchers) {
		this(fileWatchers, true);
	}

	/**
	 * Create a new {@link WatcherMetrics} instance.
	 * @param fileWatchers the watchers to measure
	 * @param timeDispatch whether to register the {@code watcher.dispatch} timer;
	 * {@code false} when an observation of that name times the dispatch instead
	 */
	public WatcherMetrics(FileWatchers fileWatchers, boolean timeDispatch) {
		this.fileWatchers = fileWatchers;
		this.timeDispatch = timeDispatch;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (FileWatcher watcher : this.fileWatchers.watchers()) {
			bindTo(registry, watcher.name());
		}
	}

	private void bindTo(MeterRegistry registry, String name) {
		Tags tags = Tags.of(TAG, name);
		FunctionCounter.builder("watcher.events.received", this.fileWatchers, stat(name, WatcherStats::received))
			.tags(tags)
			.description("Raw file-system events read by the watcher")
			.baseUnit(BaseUnits.EVENTS)
			.register(registry);
		FunctionCounter.builder("watcher.events.dropped", this.fileWatchers, stat(name, WatcherStats::dropped))
			.tags(tags)
			.description("Pending changes evicted unpublished because too many paths were pending")
			.baseUnit(CHANGES)
			.register(registry);
		FunctionCounter.builder("watcher.resyncs", this.fileWatchers, stat(name, WatcherStats::resyncs))
			.tags(tags)
			.description("Walks of part of the tree, compared with the known entries to recover hidden changes")
			.baseUnit("resyncs")
			.register(registry);
		FunctionCounter.builder("watcher.changes.published", this.fileWatchers, stat(name, WatcherStats::published))
			.tags(tags)
			.description("Changes handed to the listeners")
			.baseUnit(CHANGES)
			.register(registry);
		Gauge.builder("watcher.pending", this.fileWatchers, stat(name, WatcherStats::pending))
			.tags(tags)
			.description("Changes waiting to be published")
			.baseUnit(CHANGES)
			.strongReference(true)
			.register(registry);
		this.batchMeters.add(new BatchMeters(name, registry, tags, this.timeDispatch));
	}

	private static ToDoubleFunction<FileWatchers> stat(String name, ToDoubleFunction<WatcherStats> value) {
		return (fileWatchers) -> {
			FileWatcher watcher = fileWatchers.get(name);
			return (watcher != null) ? value.applyAsDouble(watcher.stats()) : Double.NaN;
		};
	}

	@Override
	public void batchPublished(ChangeBatch batch, long latencyNanos, long dispatchNanos) {
		for (BatchMeters meters : this.batchMeters) {
			if (meters.watcher().equals(batch.watcher())) {
				meters.record(batch, latencyNanos, dispatchNanos);
			}
		}
	}

	/**
	 * The meters recorded per batch of one watcher in one registry.
	 */
	private record BatchMeters(String watcher, DistributionSummary size, @Nullable Timer dispatch, Timer latency) {

		BatchMeters(String watcher, MeterRegistry registry, Tags tags, boolean timeDispatch) {
			this(watcher,
					DistributionSummary.builder("watcher.batch.size")
						.tags(tags)
						.description("Changes per published batch")
						.baseUnit(CHANGES)
						.register(registry),
					timeDispatch ? Timer.builder("watcher.dispatch")
						.tags(tags)
						.description("Time the listeners took to handle a batch")
						.register(registry) : null,
					Timer.builder("watcher.latency")
						.tags(tags)
						.description("Time from the first raw event of a batch to its publication")
						.register(registry));
		}

		void record(ChangeBatch batch, long latencyNanos, long dispatchNanos) {
			this.size.record(batch.size());
			if (this.dispatch != null) {
				this.dispatch.record(dispatchNanos, TimeUnit.NANOSECONDS);
			}
			this.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
		}

	}

}
