package dev.watcher.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.watcher.FileWatcher;
import dev.watcher.WatcherState;
import dev.watcher.WatcherStats;
import dev.watcher.autoconfigure.FileWatchers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} that is up while
 * every watcher is running on a root that is still a directory. Each watcher's state,
 * root and directory counts are shown as a detail under its name, with a {@code reason}
 * when it is the cause of a down status. Directories that could not be watched are shown
 * but leave the status up: the rest of the tree is still watched.
 *
 * @author watcher team
 * @since 0.1.0
 */
public class WatcherHealthIndicator extends AbstractHealthIndicator {

	private static final Log logger = LogFactory.getLog(WatcherHealthIndicator.class);

	private final FileWatchers fileWatchers;

	/**
	 * Create a new {@link WatcherHealthIndicator} instance.
	 * @param fileWatchers the watchers to check
	 */
	public WatcherHealthIndicator(FileWatchers fileWatchers) {
		super("Watcher health check failed");
		this.fileWatchers = fileWatchers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up();
		for (FileWatcher watcher : this.fileWatchers.watchers()) {
			WatcherStats stats = watcher.stats();
			String problem = findProblem(stats);
			if (problem != null) {
				logger.warn(problem);
				builder.down();
			}
			builder.withDetail(stats.name(), details(stats, problem));
		}
	}

	private static @Nullable String findProblem(WatcherStats stats) {
		if (stats.state() != WatcherState.STARTING && stats.state() != WatcherState.STOPPED
				&& !Files.isDirectory(stats.root())) {
			return "Watcher '" + stats.name() + "' root '" + stats.root() + "' is no longer a directory";
		}
		// Paused is an operator's choice, not a fault: the watcher still reads its
		// events.
		if (stats.state() != WatcherState.RUNNING && stats.state() != WatcherState.PAUSED) {
			return "Watcher '" + stats.name() + "' on '" + stats.root() + "' is " + stats.state();
		}
		return null;
	}

	private static Map<String, Object> details(WatcherStats stats, @Nullable String problem) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", stats.state());
		details.put("root", stats.root().toString());
		details.put("watchedDirectories", stats.watchedDirectories());
		details.put("skippedDirectories", stats.skippedDirectories());
		details.put("skippedPaths", stats.skippedPaths().stream().map(Path::toString).toList());
		if (problem != null) {
			details.put("reason", problem);
		}
		return details;
	}

}
