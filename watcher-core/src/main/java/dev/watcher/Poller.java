package dev.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Asks for a walk of the whole tree at every poll interval, for a watcher in
 * {@link WatchMode#POLLING} mode, and checks on the way that the root is still there. The
 * walk itself runs on the dispatch thread, like a resync, so a poll yields the same
 * changes the events would have.
 *
 * @author watcher team
 */
final class Poller implements Runnable {

	private static final System.Logger logger = System.getLogger(FileWatcher.class.getName());

	private final String watcherName;

	private final Path root;

	private final PendingChanges changes;

	private final long intervalNanos;

	private final EventReader.RootListener rootListener;

	private @Nullable Object rootKey;

	private boolean rootLost;

	Poller(String watcherName, Path root, PendingChanges changes, long intervalNanos,
			EventReader.RootListener rootListener) throws IOException {
		this.watcherName = watcherName;
		this.root = root;
		this.changes = changes;
		this.intervalNanos = intervalNanos;
		this.rootListener = rootListener;
		this.rootKey = Files.readAttributes(root, BasicFileAttributes.class).fileKey();
	}

	@Override
	public void run() {
		try {
			while (true) {
				TimeUnit.NANOSECONDS.sleep(this.intervalNanos);
				checkRoot();
				this.changes.poll();
			}
		}
		catch (InterruptedException ex) {
			// Closed: close() publishes what is pending.
		}
	}

	private void checkRoot() {
		Object key = rootKey();
		boolean intact = key != null && Objects.equals(key, this.rootKey);
		if (!this.rootLost && !intact) {
			this.rootLost = true;
			logger.log(System.Logger.Level.WARNING,
					() -> "Watcher '" + this.watcherName + "' lost its root '" + this.root
							+ "' (deleted or moved away): its entries are reported deleted, and it polls for "
							+ "the root to come back");
			this.rootListener.rootLost();
		}
		else if (this.rootLost && key != null) {
			this.rootLost = false;
			this.rootKey = key;
			logger.log(System.Logger.Level.INFO,
					() -> "Watcher '" + this.watcherName + "' found its root '" + this.root + "' again");
			this.rootListener.rootFound();
		}
	}

	private @Nullable Object rootKey() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.root, BasicFileAttributes.class);
			// Where the file system has no file keys, the path stands for the directory.
			return attributes.isDirectory() ? Objects.requireNonNullElse(attributes.fileKey(), this.root) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
