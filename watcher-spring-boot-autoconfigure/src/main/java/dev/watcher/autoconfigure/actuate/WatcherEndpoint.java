package dev.watcher.autoconfigure.actuate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.watcher.FileWatcher;
import dev.watcher.WatcherState;
import dev.watcher.WatcherStats;
import dev.watcher.autoconfigure.FileWatchers;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows every watcher's figures.
 *
 * @author watcher team
 * @since 0.1.0
 */
@Endpoint(id = "watcher")
public class WatcherEndpoint {

	private final FileWatchers fileWatchers;

	/**
	 * Create a new {@link WatcherEndpoint} instance.
	 * @param fileWatchers the watchers to show
	 */
	public WatcherEndpoint(FileWatchers fileWatchers) {
		this.fileWatchers = fileWatchers;
	}

	/**
	 * Return the figures of every watcher.
	 * @return the figures, by watcher name
	 */
	@ReadOperation
	public WatchersDescriptor watchers() {
		Map<String, WatcherDescriptor> watchers = new LinkedHashMap<>();
		this.fileWatchers.stats().forEach((name, stats) -> watchers.put(name, new WatcherDescriptor(stats)));
		return new WatchersDescriptor(watchers);
	}

	/**
	 * Return the figures of one watcher.
	 * @param name the watcher's name
	 * @return the figures, or {@code null} if there is no watcher by that name
	 */
	@ReadOperation
	public @Nullable WatcherDescriptor watcher(@Selector String name) {
		FileWatcher watcher = this.fileWatchers.get(name);
		return (watcher != null) ? new WatcherDescriptor(watcher.stats()) : null;
	}

	/**
	 * Every watcher's figures, by name.
	 */
	public static final class WatchersDescriptor implements OperationResponseBody {

		private final Map<String, WatcherDescriptor> watchers;

		private WatchersDescriptor(Map<String, WatcherDescriptor> watchers) {
			this.watchers = Collections.unmodifiableMap(watchers);
		}

		public Map<String, WatcherDescriptor> getWatchers() {
			return this.watchers;
		}

	}

	/**
	 * One watcher's figures.
	 */
	public static final class WatcherDescriptor implements OperationResponseBody {

		private final WatcherStats stats;

		private WatcherDescriptor(WatcherStats stats) {
			this.stats = stats;
		}

		public WatcherState getState() {
			return this.stats.state();
		}

		public String getRoot() {
			return this.stats.root().toString();
		}

		public long getReceived() {
			return this.stats.received();
		}

		public long getPublished() {
			return this.stats.published();
		}

		public long getBatches() {
			return this.stats.batches();
		}

		public long getDropped() {
			return this.stats.dropped();
		}

		public long getOverflows() {
			return this.stats.overflows();
		}

		public long getResyncs() {
			return this.stats.resyncs();
		}

		public int getPending() {
			return this.stats.pending();
		}

		public int getPendingPeak() {
			return this.stats.pendingPeak();
		}

		public int getWatchedDirectories() {
			return this.stats.watchedDirectories();
		}

		public int getSkippedDirectories() {
			return this.stats.skippedDirectories();
		}

		public List<String> getSkippedPaths() {
			return this.stats.skippedPaths().stream().map(Path::toString).toList();
		}

		public long getListenerErrors() {
			return this.stats.listenerErrors();
		}

		/**
		 * Return when the last batch was published, in ISO-8601. Rendered even when {@code null}, which Actuator
		 * leaves out by default, so that every watcher shows the same fields.
		 * @return the time of the last batch, or {@code null} if there was none
		 */
		@JsonInclude(JsonInclude.Include.ALWAYS)
		public @Nullable String getLastBatchAt() {
			Instant lastBatchAt = this.stats.lastBatchAt();
			return (lastBatchAt != null) ? lastBatchAt.toString() : null;
		}

	}

}
