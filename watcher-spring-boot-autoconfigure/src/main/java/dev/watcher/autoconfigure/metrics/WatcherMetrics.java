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

/**
 * Meters for every watcher, each tagged {@code watcher=<name>}. Counts the watchers keep themselves are read from
 * their {@link WatcherStats}; batch sizes and times are recorded as each batch is published.
 * <p>
 * Note that a watcher's counts start again from zero when the application context is stopped and started again,
 * because the watchers are then rebuilt.
 *
 * @author watcher team
 * @since 0.1.0
 */
public class WatcherMetrics implements MeterBinder, BatchObserver {

	private static final String TAG = "watcher";

	private static final String CHANGES = "changes";

	private final FileWatchers fileWatchers;

	private final List<BatchMeters> batchMeters = new CopyOnWriteArrayList<>();

	/**
	 * Create a new {@link WatcherMetrics} instance.
	 * @param fileWatchers the watchers to measure
	 */
	public WatcherMetrics(FileWatchers fileWatchers) {
		this.fileWatchers = fileWatchers;
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
		this.batchMeters.add(new BatchMeters(name, registry, tags));
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
	private record BatchMeters(String watcher, DistributionSummary size, Timer dispatch, Timer latency) {

		BatchMeters(String watcher, MeterRegistry registry, Tags tags) {
			this(watcher,
					DistributionSummary.builder("watcher.batch.size")
						.tags(tags)
						.description("Changes per published batch")
						.baseUnit(CHANGES)
						.register(registry),
					Timer.builder("watcher.dispatch")
						.tags(tags)
						.description("Time the listeners took to handle a batch")
						.register(registry),
					Timer.builder("watcher.latency")
						.tags(tags)
						.description("Time from the first raw event of a batch to its publication")
						.register(registry));
		}

		void record(ChangeBatch batch, long latencyNanos, long dispatchNanos) {
			this.size.record(batch.size());
			this.dispatch.record(dispatchNanos, TimeUnit.NANOSECONDS);
			this.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
		}

	}

}
