package dev.watcher.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.watcher.WatchMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for watching directories.
 *
 * @author watcher team
 * @since 0.1.0
 */
// Unknown keys fail start-up: a misspelt 'path' would otherwise drop its whole watcher.
@ConfigurationProperties(prefix = "watcher", ignoreUnknownFields = false)
public class WatcherProperties {

	/**
	 * Whether to watch the configured directories.
	 */
	private boolean enabled = true;

	/**
	 * Directories to watch, by watcher name.
	 */
	private final Map<String, Watch> watches = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Watch> getWatches() {
		return this.watches;
	}

	/**
	 * One watched directory. The values are checked when the watcher is built, so a bad
	 * one fails start-up.
	 */
	public static class Watch {

		/**
		 * Directory to watch.
		 */
		private @Nullable Path path;

		/**
		 * Whether to watch subdirectories too.
		 */
		private boolean recursive = true;

		/**
		 * Comma-separated list of globs, matched against the path relative to the watched
		 * directory, of which a path must match one to be reported. When empty, every
		 * path is reported.
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Comma-separated list of globs, matched against the path relative to the watched
		 * directory, of paths that are never reported. A matching directory is not
		 * watched at all.
		 */
		private List<String> exclude = new ArrayList<>();

		/**
		 * Quiet time a path needs before its change is published.
		 */
		private Duration debounce = Duration.ofMillis(100);

		/**
		 * Longest time a change waits before it is published, even while its path keeps
		 * changing.
		 */
		private Duration maxWait = Duration.ofSeconds(1);

		/**
		 * Most changes one batch holds. A full batch is published at once.
		 */
		private int maxBatchSize = 50;

		/**
		 * Most distinct paths held while waiting, before the oldest are evicted.
		 */
		private int maxPending = 1000;

		/**
		 * Time a new or changed file must stay unchanged (size and modification time)
		 * before it is published. When not set, files are published as soon as they are
		 * quiet for the debounce time.
		 */
		private @Nullable Duration settle;

		/**
		 * How the watcher learns about changes: 'auto' uses native events, or polling on
		 * network and virtual file systems (NFS, SMB, FUSE and the like) where native
		 * events miss changes made by other machines; 'native' or 'polling' force one.
		 */
		private WatchMode mode = WatchMode.AUTO;

		/**
		 * Time between two walks of the tree in polling mode.
		 */
		private Duration pollInterval = Duration.ofSeconds(2);

		/**
		 * Time between two checks that the watched directory is still there and, once it
		 * is gone, whether it is back.
		 */
		private Duration rootRetry = Duration.ofSeconds(1);

		/**
		 * Whether to create the directory at start-up when it does not exist, instead of
		 * failing.
		 */
		private boolean createMissing;

		public @Nullable Path getPath() {
			return this.path;
		}

		public void setPath(@Nullable Path path) {
			this.path = path;
		}

		public boolean isRecursive() {
			return this.recursive;
		}

		public void setRecursive(boolean recursive) {
			this.recursive = recursive;
		}

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

		public Duration getDebounce() {
			return this.debounce;
		}

		public void setDebounce(Duration debounce) {
			this.debounce = debounce;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public int getMaxBatchSize() {
			return this.maxBatchSize;
		}

		public void setMaxBatchSize(int maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
		}

		public int getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(int maxPending) {
			this.maxPending = maxPending;
		}

		public @Nullable Duration getSettle() {
			return this.settle;
		}

		public void setSettle(@Nullable Duration settle) {
			this.settle = settle;
		}

		public WatchMode getMode() {
			return this.mode;
		}

		public void setMode(WatchMode mode) {
			this.mode = mode;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getRootRetry() {
			return this.rootRetry;
		}

		public void setRootRetry(Duration rootRetry) {
			this.rootRetry = rootRetry;
		}

		public boolean isCreateMissing() {
			return this.createMissing;
		}

		public void setCreateMissing(boolean createMissing) {
			this.createMissing = createMissing;
		}

	}

}
