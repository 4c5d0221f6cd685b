package dev.watcher;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Reads raw events from the {@link WatchService} and records the paths they name, keeps
 * the watch registrations in step with the tree, and checks that the root is still there.
 * Runs on its own thread and never waits for listeners: a slow listener makes paths
 * coalesce in the pending table, not queue up here.
 * <p>
 * When the root is lost (deleted, or moved away, which the JDK does not report), every
 * watch is cancelled, the whole tree is resynced, which reports every known entry
 * deleted, and the root is looked for at the root-retry interval, without a busy loop;
 * once it is back it is registered and resynced, which reports what it holds.
 *
 * @author watcher team
 */
final class EventReader implements Runnable {

	private static final System.Logger logger = System.getLogger(FileWatcher.class.getName());

	private static final long CLOSE_GRACE_MILLIS = 25;

	private static final long CLOSE_DRAIN_LIMIT_MILLIS = 250;

	private final String watcherName;

	private final WatchService watchService;

	private final DirectoryTree tree;

	private final PendingChanges changes;

	private final Consumer<Throwable> failureHandler;

	private final RootListener rootListener;

	private final long rootRetryNanos;

	private final RawEvents events = new RawEvents();

	private final LogThrottle dropWarnings = new LogThrottle();

	private final LogThrottle overflowWarnings = new LogThrottle();

	private final Deque<DirectoryNode> goneDirectories = new ArrayDeque<>();

	private boolean forgetting;

	private boolean rootLost;

	private long lastRootCheck = System.nanoTime();

	EventReader(String watcherName, WatchService watchService, DirectoryTree tree, PendingChanges changes,
			long rootRetryNanos, RootListener rootListener, Consumer<Throwable> failureHandler) {
		this.watcherName = watcherName;
		this.watchService = watchService;
		this.tree = tree;
		this.changes = changes;
		this.rootRetryNanos = rootRetryNanos;
		this.rootListener = rootListener;
		this.failureHandler = failureHandler;
	}

	@Override
	public void run() {
		try {
			while (true) {
				long untilCheck = this.rootRetryNanos - (System.nanoTime() - this.lastRootCheck);
				WatchKey key = (untilCheck > 0) ? this.watchService.poll(untilCheck, TimeUnit.NANOSECONDS) : null;
				if (key != null) {
					process(key);
				}
				else {
					checkRoot();
				}
			}
		}
		catch (InterruptedException ex) {
			drainQueuedKeys();
		}
		catch (ClosedWatchServiceException ex) {
			// Closed under us: nothing more can be read.
		}
		catch (RuntimeException | Error ex) {
			this.failureHandler.accept(ex);
		}
	}

	/**
	 * Process the events the kernel reported before the watcher was closed, so that close
	 * publishes them. The JDK reads the kernel's queue on a thread of its own, so an
	 * event for a change made just before close may not be signalled yet: keep polling
	 * until the queue has been quiet for a short grace period, but no longer than a
	 * bound, since a busy tree is never quiet.
	 */
	private void drainQueuedKeys() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_DRAIN_LIMIT_MILLIS);
		try {
			WatchKey key = this.watchService.poll(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
			while (key != null) {
				process(key);
				long remaining = deadline - System.nanoTime();
				key = (remaining > 0) ? this.watchService
					.poll(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS)), TimeUnit.NANOSECONDS)
						: null;
			}
		}
		catch (ClosedWatchServiceException ex) {
			// Nothing more to drain.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void checkRoot() {
		this.lastRootCheck = System.nanoTime();
		if (!this.rootLost) {
			if (!this.tree.isRootIntact()) {
				lose();
			}
			return;
		}
		try {
			this.tree.registerAll();
		}
		catch (IOException ex) {
			// Not back yet, or not as a directory that can be watched: try again at the
			// next check.
			return;
		}
		this.rootLost = false;
		this.changes.resyncTree();
		logger.log(System.Logger.Level.INFO, () -> "Watcher '" + this.watcherName + "' found its root '"
				+ this.tree.rootPath() + "' again, watching " + this.tree.watchedCount() + " directories");
		this.rootListener.rootFound();
	}

	private void lose() {
		flush();
		this.tree.forgetAll();
		this.rootLost = true;
		this.changes.resyncTree();
		logger.log(System.Logger.Level.WARNING,
				() -> "Watcher '" + this.watcherName + "' lost its root '" + this.tree.rootPath()
						+ "' (deleted or moved away): its entries are reported deleted, and it " + "checks every "
						+ TimeUnit.NANOSECONDS.toMillis(this.rootRetryNanos) + " ms for the root to come " + "back");
		this.rootListener.rootLost();
	}

	private void process(WatchKey key) {
		DirectoryNode directory = this.tree.directoryFor(key);
		if (directory == null) {
			key.cancel();
			return;
		}
		translateQueued(directory, key);
		boolean valid = key.reset();
		if (!valid) {
			// Never signalled again: take the events that arrived while the first ones
			// were handled.
			translateQueued(directory, key);
		}
		flush();
		if (!valid) {
			gone(directory);
		}
	}

	private void gone(DirectoryNode directory) {
		this.tree.unwatch(directory);
		if (directory.isRoot() && !this.rootLost) {
			lose();
		}
	}

	private void translateQueued(DirectoryNode directory, WatchKey key) {
		for (WatchEvent<?> event : key.pollEvents()) {
			translate(directory, event);
		}
	}

	private void translate(DirectoryNode directory, WatchEvent<?> event) {
		WatchEvent.Kind<?> kind = event.kind();
		if (kind == StandardWatchEventKinds.OVERFLOW) {
			overflowed(directory, event.count());
			return;
		}
		Path name = (Path) event.context();
		if (kind == StandardWatchEventKinds.ENTRY_CREATE) {
			created(directory, name, event.count());
		}
		else if (kind == StandardWatchEventKinds.ENTRY_DELETE) {
			deleted(directory, name, event.count());
		}
		else {
			modified(directory, name, event.count());
		}
	}

	/**
	 * The events of a directory were lost, in the JDK's queue for its key or in the
	 * kernel's (which overflows every key at once): its new subdirectories are registered
	 * now, and it is resynced once the debounce allows.
	 */
	private void overflowed(DirectoryNode directory, int count) {
		flush();
		this.tree.registerLostChildren(directory, this::translateQueued);
		flush();
		this.changes.overflowed(directory, count);
		this.overflowWarnings.log(logger, System.Logger.Level.WARNING, 1,
				(overflows, total) -> "Watcher '" + this.watcherName + "' missed events: its event queue overflowed "
						+ overflows + " time(s) (" + total
						+ " in total); the directories concerned are walked again to find what changed");
	}

	/**
	 * Record a new entry. A new directory is registered, with everything below it, before
	 * its own change is recorded, so that the look at that change, which walks its
	 * content, cannot miss what is created meanwhile.
	 */
	private void created(DirectoryNode directory, Path name, int count) {
		Path path = directory.resolve(name);
		if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			add(directory, name, false, count);
			return;
		}
		DirectoryNode child = directory.child(name);
		if (this.tree.prunes(child)) {
			// Excluded with everything below it.
			this.events.countOnly(count);
			return;
		}
		if (this.tree.isRecursive()) {
			DirectoryTree.Registration registration = this.tree.watchNew(child);
			if (registration == DirectoryTree.Registration.KNOWN) {
				// The walk of a new parent registered it before its own event arrived;
				// the look at that parent
				// takes it in.
				this.events.countOnly(count);
				return;
			}
			if (registration == DirectoryTree.Registration.NEW) {
				this.tree.walkNew(child);
			}
		}
		add(directory, name, true, count);
	}

	/**
	 * Record a change of an entry. A subdirectory that could not be watched is tried
	 * again, since what changed may be its permissions.
	 */
	private void modified(DirectoryNode directory, Path name, int count) {
		DirectoryNode child = directory.existingChild(name);
		if (child != null && child.key() == null && this.tree.isRecursive() && !this.tree.prunes(child)
				&& this.tree.watchNew(child) == DirectoryTree.Registration.NEW) {
			this.tree.walkNew(child);
		}
		add(directory, name, child != null, count);
	}

	/**
	 * Record a deletion. A directory that is deleted, or moved out of the tree, is
	 * forgotten with everything below it, and its watches are cancelled; the events its
	 * watch had queued are taken first. What it held is reported deleted by the look at
	 * its own change, from the known entries.
	 */
	private void deleted(DirectoryNode directory, Path name, int count) {
		@Nullable DirectoryNode gone = directory.removeChild(name);
		if (gone != null) {
			this.goneDirectories.push(gone);
			if (!this.forgetting) {
				forgetGoneDirectories();
			}
		}
		add(directory, name, gone != null, count);
	}

	/**
	 * Forget the gone directories one after the other. The queued events of one may
	 * report more gone directories; they wait their turn here rather than nest, so a deep
	 * tree cannot exhaust the thread's stack.
	 */
	private void forgetGoneDirectories() {
		this.forgetting = true;
		try {
			while (!this.goneDirectories.isEmpty()) {
				this.tree.forget(this.goneDirectories.pop(), this::translateQueued);
			}
		}
		finally {
			this.forgetting = false;
		}
	}

	private void add(DirectoryNode directory, Path name, boolean isDirectory, int count) {
		if (this.events.add(directory, name, isDirectory, count)) {
			flush();
		}
	}

	private void flush() {
		long dropped = this.changes.record(this.events);
		if (dropped > 0) {
			this.dropWarnings.log(logger, System.Logger.Level.WARNING, dropped, (count, total) -> "Watcher '"
					+ this.watcherName + "' evicted " + count + " pending path(s) because its pending table was full ("
					+ total + " in total); their "
					+ "directories are walked again to find what changed; raise max-pending or speed up the listeners");
		}
	}

	/**
	 * Told when the root is lost and when it is back.
	 */
	interface RootListener {

		void rootLost();

		void rootFound();

	}

}
