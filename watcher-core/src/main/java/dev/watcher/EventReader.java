package dev.watcher;

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
 * Reads raw events from the {@link WatchService} and records them as pending changes. Runs on its own thread and
 * never waits for listeners: a slow listener makes changes coalesce in the pending table, not queue up here.
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

	private final Runnable rootLost;

	private final RawEvents events = new RawEvents();

	private final Runnable flush = this::flush;

	private final WarningThrottle dropWarnings = new WarningThrottle();

	private final WarningThrottle overflowWarnings = new WarningThrottle();

	private final Deque<DirectoryNode> goneDirectories = new ArrayDeque<>();

	private boolean forgetting;

	EventReader(String watcherName, WatchService watchService, DirectoryTree tree, PendingChanges changes,
			Consumer<Throwable> failureHandler, Runnable rootLost) {
		this.watcherName = watcherName;
		this.watchService = watchService;
		this.tree = tree;
		this.changes = changes;
		this.failureHandler = failureHandler;
		this.rootLost = rootLost;
	}

	@Override
	public void run() {
		try {
			while (true) {
				process(this.watchService.take());
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
	 * Process the events the kernel reported before the watcher was closed, so that close publishes them. The
	 * JDK reads the kernel's queue on a thread of its own, so an event for a change made just before close may
	 * not be signalled yet: keep polling until the queue has been quiet for a short grace period, but no longer
	 * than a bound, since a busy tree is never quiet.
	 */
	private void drainQueuedKeys() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_DRAIN_LIMIT_MILLIS);
		try {
			WatchKey key = this.watchService.poll(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
			while (key != null) {
				process(key);
				long remaining = deadline - System.nanoTime();
				key = (remaining > 0) ? this.watchService.poll(Math.min(remaining,
						TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS)), TimeUnit.NANOSECONDS) : null;
			}
		}
		catch (ClosedWatchServiceException ex) {
			// Nothing more to drain.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
			// Never signalled again: take the events that arrived while the first ones were handled.
			translateQueued(directory, key);
		}
		flush();
		if (!valid) {
			gone(directory);
		}
	}

	private void gone(DirectoryNode directory) {
		this.tree.unwatch(directory);
		if (directory.isRoot()) {
			// Known limit: nothing re-registers the root if it comes back.
			logger.log(System.Logger.Level.WARNING, () -> "Watcher '" + this.watcherName + "' lost its root '"
					+ directory.path() + "': it was deleted, and no more changes are reported");
			this.rootLost.run();
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
			// Known limit: the events lost in the overflow are not recovered by a rescan; the next batch is
			// flagged so that an application which must see every file can rescan the root itself.
			flush();
			this.changes.overflowed(event.count());
			this.overflowWarnings.warn(logger, 1, (count, total) -> "Watcher '" + this.watcherName
					+ "' missed events: the kernel's event queue overflowed " + count + " time(s) (" + total
					+ " in total); the next batch is flagged as overflowed");
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
			add(directory, name, ChangeKind.MODIFIED, directory.hasChild(name), event.count());
		}
	}

	private void created(DirectoryNode directory, Path name, int count) {
		Path path = directory.resolve(name);
		if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			if (directory.hasChild(name) && Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
				// A late event for a directory that a walk has already reported, and that is gone again: its
				// deletion follows, and reporting it as a new file would be wrong.
				this.events.countOnly(count);
				return;
			}
			add(directory, name, ChangeKind.CREATED, false, count);
			return;
		}
		DirectoryNode child = directory.child(name);
		if (!this.tree.isRecursive() || this.tree.prunes(child)) {
			add(directory, name, ChangeKind.CREATED, true, count);
			return;
		}
		DirectoryTree.Registration registration = this.tree.watchNew(child);
		if (registration == DirectoryTree.Registration.KNOWN) {
			// The walk of a new parent registered and reported it before its own event arrived.
			this.events.countOnly(count);
			return;
		}
		add(directory, name, ChangeKind.CREATED, true, count);
		if (registration == DirectoryTree.Registration.NEW) {
			this.tree.walkNew(child, this.events, this.flush);
		}
	}

	/**
	 * Record a deletion. A directory that is deleted, or moved out of the tree, is forgotten with everything below
	 * it; the events its watch had queued are taken first, so the deletion of a whole tree is reported in full.
	 * Known limit: the entries of a directory moved out of the tree are not reported.
	 */
	private void deleted(DirectoryNode directory, Path name, int count) {
		@Nullable DirectoryNode gone = directory.removeChild(name);
		if (gone != null) {
			this.goneDirectories.push(gone);
			if (!this.forgetting) {
				forgetGoneDirectories();
			}
		}
		add(directory, name, ChangeKind.DELETED, gone != null, count);
	}

	/**
	 * Forget the gone directories one after the other. The queued events of one may report more gone directories;
	 * they wait their turn here rather than nest, so a deep tree cannot exhaust the thread's stack.
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

	private void add(DirectoryNode directory, Path name, ChangeKind kind, boolean isDirectory, int count) {
		if (this.events.add(directory, name, kind, isDirectory, count)) {
			flush();
		}
	}

	private void flush() {
		long dropped = this.changes.record(this.events);
		if (dropped > 0) {
			this.dropWarnings.warn(logger, dropped, (count, total) -> "Watcher '" + this.watcherName + "' dropped "
					+ count + " pending change(s) because its pending table was full (" + total
					+ " in total); raise max-pending or speed up the listeners");
		}
	}

}
