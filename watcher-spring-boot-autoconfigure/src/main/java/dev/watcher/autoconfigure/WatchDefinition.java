package dev.watcher.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.watcher.BatchObserver;
import dev.watcher.ChangeBatch;
import dev.watcher.FileWatcher;
import dev.watcher.InvalidRootException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * One {@code watcher.watches.<name>} entry turned into a {@link FileWatcher.Builder}.
 * Every builder call is tied to the property it comes from, so the check the core makes
 * on a value is reported against that property rather than repeated here.
 *
 * @author watcher team
 */
final class WatchDefinition {

	private static final Log logger = LogFactory.getLog(WatchDefinition.class);

	private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9-]+");

	private static final String DURATION_ACTION = "Set '%s' to zero or a positive duration, such as '100ms' or '1s'.";

	private static final String POSITIVE_DURATION_ACTION = "Set '%s' to a positive duration, such as '1s'.";

	private static final String MODE_ACTION = "Set '%s' to auto, native or polling.";

	private static final String COUNT_ACTION = "Set '%s' to 1 or more.";

	private static final String GLOB_ACTION = "Correct the glob in '%s'. Globs follow "
			+ "java.nio.file.FileSystem#getPathMatcher and are matched against the path relative to the watched "
			+ "directory, for example '**/*.txt'.";

	private final String name;

	private final Path path;

	private final boolean createMissing;

	private final FileWatcher.Builder builder;

	WatchDefinition(String name, WatcherProperties.Watch watch, Consumer<ChangeBatch> listener,
			BatchObserver observer) {
		this.name = name;
		this.path = requirePath(watch.getPath());
		this.createMissing = watch.isCreateMissing();
		this.builder = FileWatcher.builder(this.path)
			.name(name)
			.recursive(watch.isRecursive())
			.listener(listener)
			.observer(observer);
		configure("include", watch.getInclude(), GLOB_ACTION, () -> this.builder.include(toArray(watch.getInclude())));
		configure("exclude", watch.getExclude(), GLOB_ACTION, () -> this.builder.exclude(toArray(watch.getExclude())));
		configure("debounce", watch.getDebounce(), DURATION_ACTION, () -> this.builder.debounce(watch.getDebounce()));
		configure("max-wait", watch.getMaxWait(), DURATION_ACTION, () -> this.builder.maxWait(watch.getMaxWait()));
		configure("max-batch-size", watch.getMaxBatchSize(), COUNT_ACTION,
				() -> this.builder.maxBatchSize(watch.getMaxBatchSize()));
		configure("max-pending", watch.getMaxPending(), COUNT_ACTION,
				() -> this.builder.maxPending(watch.getMaxPending()));
		Duration settle = watch.getSettle();
		if (settle != null) {
			configure("settle", settle, DURATION_ACTION, () -> this.builder.settle(settle));
		}
		configure("mode", watch.getMode(), MODE_ACTION, () -> this.builder.mode(watch.getMode()));
		configure("poll-interval", watch.getPollInterval(), POSITIVE_DURATION_ACTION,
				() -> this.builder.pollInterval(watch.getPollInterval()));
		configure("root-retry", watch.getRootRetry(), POSITIVE_DURATION_ACTION,
				() -> this.builder.rootRetry(watch.getRootRetry()));
	}

	private Path requirePath(@Nullable Path path) {
		if (path == null) {
			String property = property("path");
			throw new WatcherConfigurationException(property, null, "watcher '" + this.name + "' has no directory",
					"Set '" + property + "' to the directory that watcher '" + this.name + "' should watch.", null);
		}
		return path;
	}

	private void configure(String key, Object value, String action, Runnable setter) {
		try {
			setter.run();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			String property = property(key);
			throw new WatcherConfigurationException(property, render(value), reason(ex),
					String.format(action, property), ex);
		}
	}

	/**
	 * Return the core's message without the builder's name for the setting (the property
	 * is named instead) and without the value it appends (the value is shown as
	 * configured).
	 */
	private static String reason(RuntimeException ex) {
		return String.valueOf(ex.getMessage()).replaceFirst("^'[^']*' ", "").replaceFirst(" \\[[^\\[\\]]*\\]$", "");
	}

	private static Object render(Object value) {
		if (value instanceof Duration duration) {
			return render(duration);
		}
		return (value instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList()) : value;
	}

	private static String render(Duration duration) {
		if (duration.getNano() == 0) {
			return duration.getSeconds() + "s";
		}
		return (duration.toNanos() % 1_000_000 == 0) ? duration.toMillis() + "ms" : duration.toString();
	}

	private static String[] toArray(List<String> globs) {
		return globs.toArray(new String[0]);
	}

	String name() {
		return this.name;
	}

	/**
	 * Build a new watcher; a closed watcher cannot start again, so every start needs one.
	 * @return the watcher, not started
	 */
	FileWatcher build() {
		return this.builder.build();
	}

	/**
	 * Start the given watcher, creating its root first if so configured.
	 * @param watcher a watcher built by {@link #build()}
	 * @throws WatcherConfigurationException if the root cannot be watched
	 */
	void start(FileWatcher watcher) {
		if (this.createMissing) {
			createRoot(watcher.root());
		}
		try {
			watcher.start();
		}
		catch (InvalidRootException ex) {
			throw invalidRoot(ex.getProblem(), ex.getRoot(), ex);
		}
		catch (UncheckedIOException ex) {
			throw new WatcherConfigurationException(property("path"), this.path,
					"directory '" + watcher.root() + "' could not be watched (" + ex.getCause() + ")",
					"Check that the directory's tree can be watched. On Linux a large tree may need a higher "
							+ "'fs.inotify.max_user_watches', or parts of it left out with '" + property("exclude")
							+ "'.",
					ex);
		}
	}

	private void createRoot(Path root) {
		if (Files.exists(root)) {
			return;
		}
		try {
			Files.createDirectories(root);
			logger.info(LogMessage.format("Created directory '%s' for watcher '%s'", root, this.name));
		}
		catch (IOException ex) {
			throw new WatcherConfigurationException(property("path"), this.path,
					"directory '" + root + "' could not be created (" + ex + ")",
					"Create '" + root + "' by hand, or make sure the application may create directories in its parent.",
					ex);
		}
	}

	/**
	 * Describe a root the core refused, in terms of this watch's properties.
	 * @param problem what is wrong with the root
	 * @param root the root, absolute
	 * @param cause the core's exception
	 * @return the exception to throw
	 */
	WatcherConfigurationException invalidRoot(InvalidRootException.Problem problem, Path root, Throwable cause) {
		String property = property("path");
		return switch (problem) {
			case MISSING -> new WatcherConfigurationException(property, this.path,
					"directory '" + root + "' does not exist",
					"Create '" + root + "', or set '" + property("create-missing") + "=true' to create it at start-up.",
					cause);
			case NOT_A_DIRECTORY -> new WatcherConfigurationException(property, this.path,
					"'" + root + "' is not a directory", "Set '" + property + "' to a directory.", cause);
			case NOT_READABLE ->
				new WatcherConfigurationException(property, this.path, "directory '" + root + "' is not readable",
						"Make '" + root + "' readable and searchable by the user the application runs as, or set '"
								+ property + "' to another directory.",
						cause);
		};
	}

	/**
	 * Return the full name of one of this watch's properties. A name that is not in
	 * canonical form is put in brackets, so the result can be pasted into a properties
	 * file as it is.
	 * @param key the property's key within the watch, such as {@code max-wait}
	 * @return the full property name
	 */
	String property(String key) {
		String watch = PLAIN_NAME.matcher(this.name).matches() ? "." + this.name : "[" + this.name + "]";
		return "watcher.watches" + watch + "." + key;
	}

}
