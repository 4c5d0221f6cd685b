package dev.watcher.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.watcher.BatchObserver;
import dev.watcher.ChangeBatch;
import dev.watcher.FileWatcher;
import dev.watcher.WatcherStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;

/**
 * The {@link FileWatcher watchers} configured under {@code watcher.watches}, in the order
 * they are configured. Each publishes its {@link ChangeBatch batches} as application
 * events, so a bean receives them with {@code @EventListener void on(ChangeBatch batch)},
 * on the watcher's dispatch thread, and tells every {@link BatchObserver} bean about
 * them.
 * <p>
 * The watchers are built when this bean is created, so a bad value fails start-up at
 * once. They start in {@link #PHASE}, before the web server, and stop after it: stopping
 * publishes every pending change first. A watcher cannot be restarted, so after a
 * {@link #stop()} a {@link #start()} builds new watchers; instances obtained before then
 * no longer change.
 *
 * @author watcher team
 * @since 0.1.0
 */
public final class FileWatchers implements SmartLifecycle, DisposableBean {

	/**
	 * Phase the watchers start in. Lower than the web server's
	 * ({@code DEFAULT_PHASE - 2048}), so that changes are watched before requests are
	 * served, and still published while the server drains on shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(FileWatchers.class);

	private final List<WatchDefinition> definitions;

	private final ObjectProvider<BatchObserver> observerProvider;

	private final Object monitor = new Object();

	private volatile List<BatchObserver> observers = Collections.emptyList();

	private volatile Map<String, FileWatcher> watchers;

	private volatile boolean running;

	private boolean stale;

	FileWatchers(WatcherProperties properties, Consumer<ChangeBatch> listener,
			ObjectProvider<BatchObserver> observerProvider) {
		this.definitions = properties.getWatches()
			.entrySet()
			.stream()
			.map((entry) -> new WatchDefinition(entry.getKey(), entry.getValue(), listener, this::notifyObservers))
			.toList();
		this.observerProvider = observerProvider;
		this.watchers = build();
	}

	private Map<String, FileWatcher> build() {
		Map<String, FileWatcher> watchers = new LinkedHashMap<>();
		for (WatchDefinition definition : this.definitions) {
			watchers.put(definition.name(), definition.build());
		}
		return Collections.unmodifiableMap(watchers);
	}

	private void notifyObservers(ChangeBatch batch, long latencyNanos, long dispatchNanos) {
		for (BatchObserver observer : this.observers) {
			try {
				observer.batchPublished(batch, latencyNanos, dispatchNanos);
			}
			catch (RuntimeException ex) {
				logger.warn(LogMessage.format("Batch observer '%s' failed on batch %d of watcher '%s'",
						observer.getClass().getName(), batch.sequence(), batch.watcher()), ex);
			}
		}
	}

	/**
	 * Return the watchers, in the order they are configured.
	 * @return the watchers
	 */
	public List<FileWatcher> watchers() {
		return List.copyOf(this.watchers.values());
	}

	/**
	 * Return the watcher with the given name.
	 * @param name the name, the key under {@code watcher.watches}
	 * @return the watcher, or {@code null} if there is none by that name
	 */
	public @Nullable FileWatcher get(String name) {
		return this.watchers.get(name);
	}

	/**
	 * Return a snapshot of every watcher's figures, by name, in the order the watchers
	 * are configured.
	 * @return the figures
	 */
	public Map<String, WatcherStats> stats() {
		Map<String, WatcherStats> stats = new LinkedHashMap<>();
		this.watchers.forEach((name, watcher) -> stats.put(name, watcher.stats()));
		return Collections.unmodifiableMap(stats);
	}

	/**
	 * Start every watcher. If one cannot start, those already started are stopped again.
	 * @throws WatcherConfigurationException if a watcher's root cannot be watched
	 */
	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			if (this.stale) {
				this.watchers = build();
			}
			this.stale = true;
			if (this.definitions.isEmpty()) {
				logger.info("No watcher is configured: add one under 'watcher.watches.<name>.path'");
			}
			this.observers = this.observerProvider.orderedStream().toList();
			try {
				startAll();
			}
			catch (RuntimeException ex) {
				closeAll();
				throw ex;
			}
			this.running = true;
		}
	}

	private void startAll() {
		for (WatchDefinition definition : this.definitions) {
			FileWatcher watcher = this.watchers.get(definition.name());
			if (watcher != null) {
				definition.start(watcher);
			}
		}
	}

	/**
	 * Stop every watcher, once it has published its pending changes.
	 */
	@Override
	public void stop() {
		synchronized (this.monitor) {
			closeAll();
			this.running = false;
		}
	}

	private void closeAll() {
		for (FileWatcher watcher : this.watchers.values()) {
			watcher.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		stop();
	}

}
