package dev.watcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The directories under the root and their registrations with the {@link WatchService}.
 * <p>
 * Keys are mapped to directories here, never through {@link WatchKey#watchable()}, which keeps the name a
 * directory had when it was registered. Symbolic links are never followed, so a link loop cannot make the tree
 * recurse. Used by the thread that reads events, and by {@link FileWatcher#start()} before that thread starts.
 *
 * @author watcher team
 */
final class DirectoryTree {

	static final int SKIPPED_PATHS_LISTED = 100;

	private static final WatchEvent.Kind<?>[] EVENT_KINDS = { StandardWatchEventKinds.ENTRY_CREATE,
			StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE };

	private static final System.Logger logger = System.getLogger(FileWatcher.class.getName());

	private final String watcherName;

	private final WatchService watchService;

	private final DirectoryNode root;

	private final boolean recursive;

	private final PathFilter filter;

	private final Map<WatchKey, DirectoryNode> directories = new HashMap<>();

	private final List<Path> skippedPaths = Collections.synchronizedList(new ArrayList<>());

	private volatile int watchedCount;

	private volatile int skippedCount;

	DirectoryTree(String watcherName, WatchService watchService, DirectoryNode root, boolean recursive,
			PathFilter filter) {
		this.watcherName = watcherName;
		this.watchService = watchService;
		this.root = root;
		this.recursive = recursive;
		this.filter = filter;
	}

	/**
	 * Register the root and, when recursive, every directory below it.
	 * @throws IOException if the root itself cannot be watched
	 */
	void registerAll() throws IOException {
		register(this.root, true);
		walk(this.root, null);
	}

	/**
	 * Register a directory that has just appeared.
	 * @param directory the new directory
	 * @return whether it was registered now, was already, or cannot be
	 */
	Registration watchNew(DirectoryNode directory) {
		try {
			return register(directory, false);
		}
		catch (IOException ex) {
			skip(directory.path(), ex);
			return Registration.SKIPPED;
		}
	}

	/**
	 * Walk a directory that {@link #watchNew} has just registered: whatever was created in it before its watch
	 * existed is recorded as CREATED, so it is not lost. A subdirectory already registered is not walked again, its
	 * entries were recorded when it was. An entry created between the registration and the walk is seen twice, by
	 * the kernel and by the walk; the two coalesce unless a batch leaves between them, in which case it is reported
	 * CREATED twice (known limit: a bulk copy of thousands of files shows it for a few of them).
	 * @param directory the new directory, already recorded by the caller
	 * @param sink where the found entries go
	 * @param flush called when the sink is full
	 */
	void walkNew(DirectoryNode directory, RawEvents sink, Runnable flush) {
		try {
			walk(directory, (parent, name, isDirectory) -> {
				if (sink.add(parent, name, ChangeKind.CREATED, isDirectory, 1)) {
					flush.run();
				}
			});
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			// Gone again before it could be listed: its deletion follows as an event.
		}
		catch (IOException ex) {
			skip(directory.path(), ex);
		}
	}

	boolean isRecursive() {
		return this.recursive;
	}

	boolean prunes(DirectoryNode directory) {
		return this.filter.prunes(directory.relativePath());
	}

	@Nullable DirectoryNode directoryFor(WatchKey key) {
		return this.directories.get(key);
	}

	/**
	 * Stop watching a directory that is gone from the tree (deleted, or moved out of it), and everything below it.
	 * The events the kernel queued for these directories before they went are handed to {@code queuedEvents}
	 * first: they are real changes, while any later ones would carry a name that no longer exists.
	 * @param directory the directory
	 * @param queuedEvents takes each directory whose key may still hold events, before the key is cancelled
	 */
	void forget(DirectoryNode directory, BiConsumer<DirectoryNode, WatchKey> queuedEvents) {
		Deque<DirectoryNode> pending = new ArrayDeque<>();
		pending.push(directory);
		while (!pending.isEmpty()) {
			DirectoryNode node = pending.pop();
			WatchKey key = node.key();
			if (key != null && this.directories.get(key) == node) {
				queuedEvents.accept(node, key);
			}
			unwatch(node);
			node.children().forEach(pending::push);
		}
	}

	/**
	 * Drop the registration of a directory whose key is no longer valid.
	 * @param directory the directory
	 */
	void unwatch(DirectoryNode directory) {
		WatchKey key = directory.key();
		directory.watchedBy(null);
		// A directory renamed elsewhere in the tree keeps its kernel watch, so the key may already belong to the
		// directory's new name: only its current owner may cancel it.
		if (key != null && this.directories.get(key) == directory) {
			key.cancel();
			this.directories.remove(key);
			this.watchedCount = this.directories.size();
		}
	}

	int watchedCount() {
		return this.watchedCount;
	}

	int skippedCount() {
		return this.skippedCount;
	}

	List<Path> skippedPaths() {
		synchronized (this.skippedPaths) {
			return List.copyOf(this.skippedPaths);
		}
	}

	private Registration register(DirectoryNode directory, boolean failOnError) throws IOException {
		try {
			WatchKey key = directory.path().register(this.watchService, EVENT_KINDS);
			if (key == directory.key()) {
				// The kernel already watches this very directory (same inode): a walk registered it earlier.
				return Registration.KNOWN;
			}
			DirectoryNode previous = this.directories.put(key, directory);
			if (previous != null && previous != directory) {
				previous.watchedBy(null);
			}
			directory.watchedBy(key);
			this.watchedCount = this.directories.size();
			return Registration.NEW;
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			if (failOnError) {
				throw ex;
			}
			return Registration.VANISHED;
		}
		catch (IOException ex) {
			if (failOnError) {
				throw ex;
			}
			skip(directory.path(), ex);
			return Registration.SKIPPED;
		}
	}

	private void walk(DirectoryNode start, @Nullable EntrySink sink) throws IOException {
		int depth = this.recursive ? Integer.MAX_VALUE : 1;
		// Links are never followed, except a root that is one: the walker names nodes after its own chain of
		// directories, so walking the link's target still yields paths under the root as given.
		Path from = Files.isSymbolicLink(start.path()) ? start.path().toRealPath() : start.path();
		Files.walkFileTree(from, EnumSet.noneOf(FileVisitOption.class), depth, new Walker(start, sink));
	}

	/**
	 * Count and list a directory that cannot be watched. It is not retried: a directory that becomes readable
	 * later stays unwatched until the watcher is rebuilt.
	 */
	private void skip(Path directory, IOException ex) {
		this.skippedCount++;
		synchronized (this.skippedPaths) {
			if (this.skippedPaths.size() < SKIPPED_PATHS_LISTED) {
				this.skippedPaths.add(directory);
			}
		}
		logger.log(System.Logger.Level.WARNING, () -> "Watcher '" + this.watcherName + "' skipped directory '"
				+ directory + "': " + describe(ex));
	}

	private static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		String message = String.valueOf(ex.getMessage());
		if (message.contains("inotify")) {
			return message + "; raise the limit with 'sysctl fs.inotify.max_user_watches=<n>'";
		}
		return message;
	}

	/**
	 * The outcome of registering a directory.
	 */
	enum Registration {

		/** Registered now. */
		NEW,

		/** Already registered, with everything below it. */
		KNOWN,

		/** Cannot be watched; counted and listed as skipped. */
		SKIPPED,

		/** Gone before it could be registered. */
		VANISHED

	}

	/**
	 * Receives the entries a catch-up walk finds.
	 */
	@FunctionalInterface
	private interface EntrySink {

		void found(DirectoryNode parent, Path name, boolean directory);

	}

	/**
	 * Registers each directory it enters, keeping the chain of nodes from the start to the current directory.
	 */
	private final class Walker implements FileVisitor<Path> {

		private final DirectoryNode start;

		private final @Nullable EntrySink sink;

		private final Deque<DirectoryNode> parents = new ArrayDeque<>();

		Walker(DirectoryNode start, @Nullable EntrySink sink) {
			this.start = start;
			this.sink = sink;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
			if (this.parents.isEmpty()) {
				this.parents.push(this.start);
				return FileVisitResult.CONTINUE;
			}
			DirectoryNode parent = this.parents.peek();
			Path name = directory.getFileName();
			DirectoryNode node = parent.child(name);
			if (DirectoryTree.this.filter.prunes(node.relativePath())) {
				found(parent, name, true);
				return FileVisitResult.SKIP_SUBTREE;
			}
			Registration registration = register(node, false);
			if (registration != Registration.KNOWN && registration != Registration.VANISHED) {
				found(parent, name, true);
			}
			if (registration != Registration.NEW) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			this.parents.push(node);
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
			if (this.parents.isEmpty()) {
				throw new NotDirectoryException(file.toString());
			}
			found(file, attributes.isDirectory());
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
			if (this.parents.isEmpty()) {
				throw ex;
			}
			if (!(ex instanceof NoSuchFileException)) {
				found(file, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS));
				skip(file, ex);
			}
			return FileVisitResult.CONTINUE;
		}

		private void found(Path file, boolean directory) {
			DirectoryNode parent = this.parents.peek();
			Path name = file.getFileName();
			if (directory) {
				// A subdirectory seen but not entered (not recursive, or unreadable) is still known as one, so its
				// deletion is reported as a directory's.
				parent.child(name);
			}
			found(parent, name, directory);
		}

		private void found(DirectoryNode parent, Path name, boolean directory) {
			if (this.sink != null) {
				this.sink.found(parent, name, directory);
			}
		}

		@Override
		public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException ex) {
			this.parents.pop();
			return FileVisitResult.CONTINUE;
		}

	}

}
