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
import java.nio.file.DirectoryStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The directories under the root and their registrations with the {@link WatchService}.
 * <p>
 * Keys are mapped to directories here, never through {@link WatchKey#watchable()}, which
 * keeps the name a directory had when it was registered. Symbolic links are never
 * followed, so a link loop cannot make the tree recurse. A directory that cannot be
 * watched is skipped, counted and listed until it can be. Used by the thread that reads
 * events, and by {@link FileWatcher#start()} before that thread starts.
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

	private final Path rootPath;

	private DirectoryNode root;

	private @Nullable Object rootKey;

	private final boolean recursive;

	private final PathFilter filter;

	private final Map<WatchKey, DirectoryNode> directories = new HashMap<>();

	private final Set<Path> skippedPaths = new LinkedHashSet<>();

	private volatile int watchedCount;

	DirectoryTree(String watcherName, WatchService watchService, Path root, boolean recursive, PathFilter filter) {
		this.watcherName = watcherName;
		this.watchService = watchService;
		this.rootPath = root;
		this.root = DirectoryNode.root(root);
		this.recursive = recursive;
		this.filter = filter;
	}

	/**
	 * Register the root and, when recursive, every directory below it.
	 * @throws IOException if the root itself cannot be watched
	 */
	void registerAll() throws IOException {
		// Known limit: the JDK registers one directory at a time through its poller
		// thread,
		// about 0.1 ms each, so a large tree takes that long per directory to watch.
		this.root = DirectoryNode.root(this.rootPath);
		this.rootKey = Files.readAttributes(this.rootPath, BasicFileAttributes.class).fileKey();
		register(this.root, true);
		walk(this.root);
	}

	/**
	 * Return whether the root is still the directory that was registered: a root deleted,
	 * or moved away, and perhaps replaced by another directory, is lost, even where its
	 * watch still reports events.
	 * @return whether the root is still there
	 */
	boolean isRootIntact() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.rootPath, BasicFileAttributes.class);
			return attributes.isDirectory() && Objects.equals(attributes.fileKey(), this.rootKey);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Stop watching everything, since the root is lost.
	 */
	void forgetAll() {
		forget(this.root, (directory, key) -> {
		});
		this.directories.keySet().forEach(WatchKey::cancel);
		this.directories.clear();
		this.watchedCount = 0;
		synchronized (this.skippedPaths) {
			this.skippedPaths.clear();
		}
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
	 * Register every directory below one that {@link #watchNew} has just registered. What
	 * was created in them before their watches existed is not reported from here: the
	 * directory's own change is looked at once this returns, and that look walks its
	 * content. A subdirectory already registered is not walked again.
	 * @param directory the new directory
	 */
	void walkNew(DirectoryNode directory) {
		try {
			walk(directory);
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			// Gone again before it could be listed: its deletion follows as an event.
		}
		catch (IOException ex) {
			skip(directory.path(), ex);
		}
	}

	Path rootPath() {
		return this.rootPath;
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
	 * Register the subdirectories of a directory whose events overflowed, since their
	 * creation may have been among the lost events, and forget the ones that are gone.
	 * @param directory the directory
	 * @param queuedEvents takes each forgotten directory whose key may still hold events
	 */
	void registerLostChildren(DirectoryNode directory, BiConsumer<DirectoryNode, WatchKey> queuedEvents) {
		if (!this.recursive || directory.key() == null) {
			return;
		}
		Set<Path> present = new HashSet<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.path())) {
			for (Path entry : entries) {
				if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					Path name = entry.getFileName();
					present.add(name);
					DirectoryNode child = directory.child(name);
					if (!prunes(child) && child.key() == null && watchNew(child) == Registration.NEW) {
						walkNew(child);
					}
				}
			}
		}
		catch (IOException ex) {
			// Gone or unreadable: its own key tells the rest.
			return;
		}
		for (DirectoryNode child : List.copyOf(directory.children())) {
			Path name = child.path().getFileName();
			if (!present.contains(name)) {
				directory.removeChild(name);
				forget(child, queuedEvents);
			}
		}
	}

	/**
	 * Stop watching a directory that is gone from the tree (deleted, or moved out of it),
	 * and everything below it. The events the kernel queued for these directories before
	 * they went are handed to {@code queuedEvents} first: they are real changes, while
	 * any later ones would carry a name that no longer exists.
	 * @param directory the directory
	 * @param queuedEvents takes each directory whose key may still hold events, before
	 * the key is cancelled
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
			unskip(node.path());
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
		// A directory renamed elsewhere in the tree keeps its kernel watch, so the key
		// may already belong to the
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
		synchronized (this.skippedPaths) {
			return this.skippedPaths.size();
		}
	}

	List<Path> skippedPaths() {
		synchronized (this.skippedPaths) {
			return this.skippedPaths.stream().limit(SKIPPED_PATHS_LISTED).toList();
		}
	}

	private Registration register(DirectoryNode directory, boolean failOnError) throws IOException {
		try {
			WatchKey key = directory.path().register(this.watchService, EVENT_KINDS);
			if (key == directory.key()) {
				// The kernel already watches this very directory (same inode): a walk
				// registered it earlier.
				return Registration.KNOWN;
			}
			DirectoryNode previous = this.directories.put(key, directory);
			if (previous != null && previous != directory) {
				previous.watchedBy(null);
			}
			directory.watchedBy(key);
			this.watchedCount = this.directories.size();
			unskip(directory.path());
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

	private void walk(DirectoryNode start) throws IOException {
		int depth = this.recursive ? Integer.MAX_VALUE : 1;
		// Links are never followed, except a root that is one: the walker names nodes
		// after its own chain of
		// directories, so walking the link's target still yields paths under the root as
		// given.
		Path from = Files.isSymbolicLink(start.path()) ? start.path().toRealPath() : start.path();
		Files.walkFileTree(from, EnumSet.noneOf(FileVisitOption.class), depth, new Walker(start));
	}

	/**
	 * Count and list a directory that cannot be watched. It is tried again when an event
	 * names it, as a change of its permissions does.
	 */
	private void skip(Path directory, IOException ex) {
		synchronized (this.skippedPaths) {
			if (!this.skippedPaths.add(directory)) {
				return;
			}
		}
		logger.log(System.Logger.Level.WARNING,
				() -> "Watcher '" + this.watcherName + "' skipped directory '" + directory + "': " + describe(ex));
	}

	private void unskip(Path directory) {
		synchronized (this.skippedPaths) {
			this.skippedPaths.remove(directory);
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		String message = String.valueOf(ex.getMessage());
		if (message.contains("inotify") || message.contains("No space left on device")) {
			return message + ": the limit of inotify watches (fs.inotify.max_user_watches) is reached; raise it with "
					+ "'sysctl fs.inotify.max_user_watches=<n>'";
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
	 * Registers each directory it enters, keeping the chain of nodes from the start to
	 * the current directory.
	 */
	private final class Walker implements FileVisitor<Path> {

		private final DirectoryNode start;

		private final Deque<DirectoryNode> parents = new ArrayDeque<>();

		Walker(DirectoryNode start) {
			this.start = start;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
			if (this.parents.isEmpty()) {
				this.parents.push(this.start);
				return FileVisitResult.CONTINUE;
			}
			DirectoryNode node = this.parents.peek().child(directory.getFileName());
			if (prunes(node) || register(node, false) != Registration.NEW) {
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
			if (attributes.isDirectory()) {
				// Seen but not entered (the watcher is not recursive): still known as a
				// directory, so that its
				// deletion forgets it.
				this.parents.peek().child(file.getFileName());
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
			if (this.parents.isEmpty()) {
				throw ex;
			}
			if (!(ex instanceof NoSuchFileException) && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
				this.parents.peek().child(file.getFileName());
				skip(file, ex);
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException ex) {
			this.parents.pop();
			return FileVisitResult.CONTINUE;
		}

	}

}
