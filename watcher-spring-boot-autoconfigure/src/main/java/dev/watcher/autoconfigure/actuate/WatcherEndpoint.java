package dev.watcher.autoconfigure.actuate;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.watcher.FileWatcher;
import dev.watcher.WatcherState;
import dev.watcher.WatcherStats;
import dev.watcher.autoconfigure.FileWatchers;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows every watcher's figures. The figures are always
 * shown; the paths (each watcher's root and the directories it skipped) are shown as
 * {@code management.endpoint.watcher.show-values} decides, as Spring Boot's {@code env}
 * endpoint shows values, and are otherwise masked.
 *
 * @author watcher team
 * @since 0.1.0
 */
@Endpoint(id = "watcher", defaultAccess = Access.READ_ONLY)
public class WatcherEndpoint {

	static final String MASK = "******";

	private final FileWatchers fileWatchers;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create a new {@link WatcherEndpoint} instance.
	 * @param fileWatchers the watchers to show
	 * @param showValues when to show the watched paths
	 * @param roles the roles that may see the paths when {@code showValues} is
	 * {@link Show#WHEN_AUTHORIZED}; when empty, every authenticated user may
	 */
	public WatcherEndpoint(FileWatchers fileWatchers, Show showValues, Set<String> roles) {
		this.fileWatchers = fileWatchers;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Return the figures of every watcher.
	 * @param securityContext the security context of the caller, which decides whether
	 * paths are shown
	 * @return the figures, by watcher name
	 */
	@ReadOperation
	public WatchersDescriptor watchers(SecurityContext securityContext) {
		boolean showPaths = this.showValues.isShown(securityContext, this.roles);
		Map<String, WatcherDescriptor> watchers = new LinkedHashMap<>();
		this.fileWatchers.stats().forEach((name, stats) -> watchers.put(name, new WatcherDescriptor(stats, showPaths)));
		return new WatchersDescriptor(watchers);
	}

	/**
	 * Return the figures of one watcher.
	 * @param securityContext the security context of the caller, which decides whether
	 * paths are shown
	 * @param name the watcher's name
	 * @return the figures, or {@code null} if there is no watcher by that name
	 */
	@ReadOperation
	public @Nullable WatcherDescriptor watcher(SecurityContext securityContext, @Selector String name) {
		FileWatcher watcher = this.fileWatchers.get(name);
		if (watcher == null) {
			return null;
		}
		return new WatcherDescriptor(watcher.stats(), this.showValues.isShown(securityContext, this.roles));
	}

	/**
	 * Pause, resume or resync one watcher, as {@code POST /actuator/watcher/{name}} with
	 * a body such as {@code {"operation": "pause"}}. Needs
	 * {@code management.endpoint.watcher.access=unrestricted}, since the endpoint is
	 * read-only by default.
	 * @param securityContext the security context of the caller, which decides whether
	 * paths are shown
	 * @param name the watcher's name
	 * @param operation what to do
	 * @return the watcher's figures once the operation is under way
	 * @throws InvalidEndpointRequestException if there is no watcher by that name
	 */
	@WriteOperation
	public WatcherDescriptor operate(SecurityContext securityContext, @Selector String name, Operation operation) {
		FileWatcher watcher = this.fileWatchers.get(name);
		if (watcher == null) {
			// A write that returns nothing answers 204, which would hide the mistake.
			throw new InvalidEndpointRequestException("No watcher named '" + name + "'", "Unknown watcher");
		}
		switch (operation) {
			case PAUSE -> watcher.pause();
			case RESUME -> watcher.resume();
			case RESYNC -> watcher.resync();
		}
		return new WatcherDescriptor(watcher.stats(), this.showValues.isShown(securityContext, this.roles));
	}

	/**
	 * What {@link #operate} can do to a watcher.
	 */
	public enum Operation {

		/**
		 * Stop publishing; changes keep coalescing within the usual bounds.
		 */
		PAUSE,

		/**
		 * Publish again, starting with what gathered while paused.
		 */
		RESUME,

		/**
		 * Walk the whole tree now and publish its difference with what the listeners
		 * know.
		 */
		RESYNC

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

		private final boolean showPaths;

		WatcherDescriptor(WatcherStats stats, boolean showPaths) {
			this.stats = stats;
			this.showPaths = showPaths;
		}

		public WatcherState getState() {
			return this.stats.state();
		}

		/**
		 * Return how the watcher learns about changes: {@code native} or {@code polling}.
		 * @return the mode
		 */
		public String getMode() {
			return this.stats.mode().name().toLowerCase(Locale.ROOT);
		}

		public String getRoot() {
			return this.showPaths ? this.stats.root().toString() : MASK;
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

		public int getSettling() {
			return this.stats.settling();
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

		/**
		 * Return the directories that could not be watched, each masked unless paths are
		 * shown, so that their number is always visible.
		 * @return the skipped directories
		 */
		public List<String> getSkippedPaths() {
			return this.stats.skippedPaths().stream().map((path) -> this.showPaths ? path.toString() : MASK).toList();
		}

		public long getListenerErrors() {
			return this.stats.listenerErrors();
		}

		/**
		 * Return when the last batch was published, in ISO-8601. Rendered even when
		 * {@code null}, which Actuator leaves out by default, so that every watcher shows
		 * the same fields.
		 * @return the time of the last batch, or {@code null} if there was none
		 */
		@JsonInclude(JsonInclude.Include.ALWAYS)
		public @Nullable String getLastBatchAt() {
			Instant lastBatchAt = this.stats.lastBatchAt();
			return (lastBatchAt != null) ? lastBatchAt.toString() : null;
		}

	}

}
