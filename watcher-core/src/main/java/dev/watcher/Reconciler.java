package dev.watcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Turns what the file system says now into changes against the {@link KnownEntries}, and
 * applies them.
 * <p>
 * Raw events only say which paths to look at. Whether a path was created, modified or
 * deleted is decided here, by reading the entry and comparing it with what the listeners
 * know: a file replaced by a rename over it is MODIFIED, a temporary file that came and
 * went is nothing, an entry seen by both a walk and an event is reported once, and a
 * deleted directory reports every entry it held. A directory that appears is walked, so
 * whatever was created in it before its watch existed is reported too. Runs on the
 * dispatch thread, which owns the known entries.
 * <p>
 * An entry whose stamp (size, modification time, identity) did not change is still
 * reported modified when an event was recorded after the entry was last seen: a change of
 * permissions, or a rewrite within the file system's clock tick, changes no stamp. An
 * event recorded within a few milliseconds of that moment is taken as reflected in what
 * was seen, since the reader may record an event a little after the kernel queued it. A
 * directory is only reported modified when it was replaced by another one (its identity
 * changed), since its own events mostly come from its creation, which a walk of its
 * parent may have reported already; it is listed again whenever an event names it.
 * <p>
 * With a settle time, a new or changed file is held back until its size and modification
 * time have stayed the same for that long: one that was last modified longer ago than
 * that goes at once, the others are handed back to the pending table with their stamp,
 * and go once a later look finds the same stamp.
 *
 * @author watcher team
 */
final class Reconciler {

	/** Stands for the time of the last event when an entry is found by a walk. */
	static final long NO_EVENT = Long.MIN_VALUE;

	/** Stands for the held stamp of a file that was not held back to settle. */
	static final long NOT_HELD = Long.MIN_VALUE;

	/** How much later than the kernel the reader may record an event. */
	private static final int EVENT_LAG_MILLIS = 5;

	private final Path root;

	private final boolean recursive;

	private final PathFilter filter;

	private final KnownEntries known;

	private final ChangeSink sink;

	private final long settleMillis;

	private final long startNanos = System.nanoTime();

	private boolean silent;

	private int walkDirectories;

	private boolean settling;

	private long heldStamp = NOT_HELD;

	Reconciler(Path root, boolean recursive, PathFilter filter, long settleMillis, KnownEntries known,
			ChangeSink sink) {
		this.root = root;
		this.recursive = recursive;
		this.filter = filter;
		this.settleMillis = settleMillis;
		this.settling = settleMillis > 0;
		this.known = known;
		this.sink = sink;
	}

	/**
	 * Stop holding back files that are still changing, since the watcher is closing and
	 * publishes what it has.
	 */
	void stopSettling() {
		this.settling = false;
	}

	/**
	 * Learn the entries present at start-up, without reporting them.
	 * @throws IOException if the root cannot be listed
	 */
	void learn() throws IOException {
		this.silent = true;
		try {
			walk(this.known.root(), KnownEntries.ROOT, true, 0);
		}
		finally {
			this.silent = false;
		}
	}

	/**
	 * Return how many directories the last walk listed.
	 */
	int lastWalkDirectories() {
		return this.walkDirectories;
	}

	/**
	 * Look at one path that raw events named.
	 * @param parent the path's parent, relative to the root
	 * @param name the path's file name
	 * @param count how many raw events named it
	 * @param firstNanos when the first of them was recorded
	 * @param lastNanos when the last of them was recorded
	 * @param heldStamp the stamp the file had when it was held back to settle,
	 * {@link #NOT_HELD} if it was not
	 */
	void apply(Path parent, Path name, int count, long firstNanos, long lastNanos, long heldStamp) {
		KnownDirectory directory = this.known.directory(parent);
		if (directory == null) {
			applyUnknownAncestor(parent, firstNanos);
			return;
		}
		this.heldStamp = heldStamp;
		try {
			look(directory, parent, name, lastNanos, count, firstNanos);
		}
		finally {
			this.heldStamp = NOT_HELD;
		}
	}

	private void look(KnownDirectory directory, Path parent, Path name, long eventNanos, int count, long firstNanos) {
		Path relativePath = parent.resolve(name);
		DiskEntry entry;
		try {
			entry = DiskEntry.read(this.root.resolve(relativePath));
		}
		catch (IOException ex) {
			// The entry cannot be read (its directory became unreadable): what the
			// listeners know stands.
			return;
		}
		KnownDirectory walkFrom = reconcile(directory, name, relativePath, entry, eventNanos, false, count, firstNanos);
		if (walkFrom != null) {
			walkQuietly(walkFrom, relativePath, true, firstNanos);
		}
	}

	/**
	 * A path below a directory that is not known: the first unknown directory on its way
	 * is looked at instead, and walked if it is there, which takes in the path.
	 */
	private void applyUnknownAncestor(Path path, long firstNanos) {
		int depth = this.known.knownDepth(path);
		Path ancestor = (depth > 0) ? path.subpath(0, depth) : KnownEntries.ROOT;
		KnownDirectory directory = this.known.directory(ancestor);
		if (directory != null && depth < path.getNameCount()) {
			look(directory, ancestor, path.getName(depth), NO_EVENT, 0, firstNanos);
		}
	}

	/**
	 * Walk a known directory and compare what it holds with what is known: the changes
	 * hidden by an overflow or an eviction come out as ordinary changes.
	 * @param relativePath the directory, relative to the root
	 * @param deep whether to compare known subdirectories too, or only to walk the ones
	 * that are new
	 * @param firstNanos when the need to look was first noticed
	 */
	void resync(Path relativePath, boolean deep, long firstNanos) {
		KnownDirectory directory = this.known.directory(relativePath);
		if (directory == null) {
			applyUnknownAncestor(relativePath, firstNanos);
			return;
		}
		try {
			walk(directory, relativePath, deep, firstNanos);
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			if (relativePath.equals(KnownEntries.ROOT)) {
				// The root is gone: so is everything known below it.
				deleteContent(directory, relativePath, firstNanos);
			}
			else {
				Path parent = relativePath.getParent();
				apply((parent != null) ? parent : KnownEntries.ROOT, relativePath.getFileName(), 0, firstNanos,
						NO_EVENT, NOT_HELD);
			}
		}
		catch (IOException ex) {
			// Not readable now: what the listeners know of it stands.
		}
	}

	/**
	 * Compare one entry with what is known of it, report the difference and update what
	 * is known.
	 * @param directory the known directory that holds the entry
	 * @param name the entry's name
	 * @param relativePath the entry's path relative to the root
	 * @param entry the entry as it is on disk, {@code null} if there is none
	 * @param eventNanos when the last event that named the entry was recorded,
	 * {@link #NO_EVENT} when a walk found it
	 * @param deep whether a known subdirectory is to be walked as well
	 * @param count how many raw events named the entry
	 * @param firstNanos when the first of them was recorded
	 * @return the known directory to walk next, if the entry is a directory to walk
	 */
	private @Nullable KnownDirectory reconcile(KnownDirectory directory, Path name, Path relativePath,
			@Nullable DiskEntry entry, long eventNanos, boolean deep, int count, long firstNanos) {
		int slot = directory.find(name);
		if (slot < 0) {
			return (entry != null) ? created(directory, name, relativePath, entry, count, firstNanos) : null;
		}
		if (entry == null) {
			delete(directory, slot, relativePath, count, firstNanos);
			return null;
		}
		boolean reported = directory.isReported(slot);
		boolean wasDirectory = directory.kind(slot) == KnownDirectory.DIRECTORY;
		boolean changed = directory.stamp(slot) != entry.stamp() || directory.kind(slot) != entry.kind();
		boolean touched = eventNanos != NO_EVENT && isAfter(eventNanos, directory.seenAt(slot));
		if (entry.isFile() && (changed || touched) && reported && holdsBack(relativePath, entry, count)) {
			return null;
		}
		directory.update(slot, entry.kind(), reported, entry.stamp(), now());
		if (wasDirectory && !entry.isDirectory()) {
			KnownDirectory content = directory.subdirectory(slot);
			if (content != null) {
				deleteContent(content, relativePath, firstNanos);
				directory.subdirectory(slot, null);
			}
			if (!reported) {
				// Only kept to navigate, which a file is not.
				directory.remove(slot);
				return null;
			}
		}
		if ((changed || (touched && !entry.isDirectory())) && reported) {
			emit(relativePath, ChangeKind.MODIFIED, entry.isDirectory(), count, firstNanos);
		}
		if (!entry.isDirectory() || !this.recursive) {
			return null;
		}
		KnownDirectory content = directory.subdirectory(slot);
		if (content == null) {
			// Never listed: a file replaced by a directory, or a directory that could not
			// be read before.
			content = new KnownDirectory();
			directory.subdirectory(slot, content);
			return content;
		}
		// A directory named by an event is listed again with everything below it: the
		// reader registers a directory and its subdirectories before it records the
		// event, so only a listing made after that finds what was created in them while
		// they were not watched yet. A directory replaced by another one is listed too.
		return (changed || deep || eventNanos != NO_EVENT) ? content : null;
	}

	private @Nullable KnownDirectory created(KnownDirectory directory, Path name, Path relativePath, DiskEntry entry,
			int count, long firstNanos) {
		if (entry.isDirectory() && this.filter.prunes(relativePath)) {
			return null;
		}
		boolean reported = this.filter.accepts(relativePath);
		if (!reported && !entry.isDirectory()) {
			return null;
		}
		if (entry.isFile() && reported && holdsBack(relativePath, entry, count)) {
			return null;
		}
		int slot = directory.insert(name, entry.kind(), reported, entry.stamp(), now());
		if (reported) {
			emit(relativePath, ChangeKind.CREATED, entry.isDirectory(), count, firstNanos);
		}
		if (!entry.isDirectory() || !this.recursive) {
			return null;
		}
		KnownDirectory content = new KnownDirectory();
		directory.subdirectory(slot, content);
		return content;
	}

	private void delete(KnownDirectory directory, int slot, Path relativePath, int count, long firstNanos) {
		KnownDirectory content = directory.subdirectory(slot);
		if (content != null) {
			deleteContent(content, relativePath, firstNanos);
		}
		if (directory.isReported(slot)) {
			emit(relativePath, ChangeKind.DELETED, directory.kind(slot) == KnownDirectory.DIRECTORY, count, firstNanos);
		}
		directory.remove(slot);
	}

	/**
	 * Return whether a file is still changing, and hand it back to be looked at once it
	 * may have settled: it has settled when its modification time is older than the
	 * settle time, or when its stamp is the one it had when it was held back (which also
	 * covers a modification time in the future).
	 */
	private boolean holdsBack(Path relativePath, DiskEntry entry, int count) {
		if (!this.settling || this.silent) {
			// What is there at start-up is known as it is, finished or not.
			return false;
		}
		long age = System.currentTimeMillis() - entry.modifiedMillis();
		if ((age >= this.settleMillis && age >= 0) || (this.heldStamp != NOT_HELD && this.heldStamp == entry.stamp())) {
			return false;
		}
		long wait = (age >= 0) ? this.settleMillis - age : this.settleMillis;
		Path parent = relativePath.getParent();
		this.sink.hold((parent != null) ? parent : KnownEntries.ROOT, relativePath.getFileName(),
				TimeUnit.MILLISECONDS.toNanos(wait), entry.stamp(), count);
		return true;
	}

	/**
	 * Report every entry below a directory as deleted, deepest first, and forget them.
	 * Iterative, so that a deep tree cannot exhaust the stack.
	 */
	private void deleteContent(KnownDirectory top, Path topPath, long firstNanos) {
		Deque<Frame> frames = new ArrayDeque<>();
		frames.push(new Frame(top, topPath));
		while (!frames.isEmpty()) {
			Frame frame = frames.peek();
			KnownDirectory directory = frame.directory;
			if (frame.cursor == directory.slots()) {
				frames.pop();
				directory.forget();
				continue;
			}
			int slot = frame.cursor++;
			Path name = directory.name(slot);
			if (name == null) {
				continue;
			}
			Path relativePath = frame.path.resolve(name);
			KnownDirectory content = directory.subdirectory(slot);
			if (content != null) {
				// Its own entry is reported once its content is: the frame below comes
				// back to this slot.
				frame.cursor--;
				directory.subdirectory(slot, null);
				frames.push(new Frame(content, relativePath));
				continue;
			}
			if (directory.isReported(slot)) {
				emit(relativePath, ChangeKind.DELETED, directory.kind(slot) == KnownDirectory.DIRECTORY, 0, firstNanos);
			}
		}
		top.clear();
	}

	private void walkQuietly(KnownDirectory directory, Path relativePath, boolean deep, long firstNanos) {
		try {
			walk(directory, relativePath, deep, firstNanos);
		}
		catch (IOException ex) {
			// Gone or unreadable again before it could be listed: its deletion follows as
			// an event, and an
			// unreadable directory is listed by the watch registrations as skipped.
		}
	}

	private void walk(KnownDirectory directory, Path relativePath, boolean deep, long firstNanos) throws IOException {
		Path start = this.root.resolve(relativePath);
		if (relativePath.equals(KnownEntries.ROOT) && Files.isSymbolicLink(start)) {
			// Links are never followed, except a root that is one; names come from the
			// walker's own frames.
			start = start.toRealPath();
		}
		int depth = this.recursive ? Integer.MAX_VALUE : 1;
		this.walkDirectories = 0;
		Files.walkFileTree(start, Set.of(), depth, new Walker(directory, relativePath, deep, firstNanos));
	}

	/**
	 * Return the current time in milliseconds since the watcher started, as kept for each
	 * entry. Saturates after 24 days, after which every event counts as later than what
	 * was seen: a change may then be reported twice, never missed.
	 */
	private int now() {
		return millisSinceStart(System.nanoTime());
	}

	private int millisSinceStart(long nanos) {
		return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (nanos - this.startNanos) / 1_000_000));
	}

	private boolean isAfter(long eventNanos, int seenAt) {
		int eventAt = millisSinceStart(eventNanos);
		return eventAt - seenAt > EVENT_LAG_MILLIS || eventAt == Integer.MAX_VALUE;
	}

	private void emit(Path relativePath, ChangeKind kind, boolean directory, int count, long firstNanos) {
		if (!this.silent) {
			this.sink.emit(new FileChange(this.root.resolve(relativePath), relativePath, kind, directory, count),
					firstNanos);
		}
	}

	/**
	 * Receives the changes found, and the files held back to settle.
	 */
	interface ChangeSink {

		void emit(FileChange change, long firstNanos);

		void hold(Path parent, Path name, long delayNanos, long stamp, int count);

	}

	private static final class Frame {

		private final KnownDirectory directory;

		private final Path path;

		private int cursor;

		Frame(KnownDirectory directory, Path path) {
			this.directory = directory;
			this.path = path;
		}

	}

	/**
	 * Compares each directory it lists with its known entries: what it finds goes through
	 * {@link Reconciler#reconcile}, and what is known but was not found is deleted once
	 * the listing ends.
	 */
	private final class Walker implements FileVisitor<Path> {

		private final KnownDirectory start;

		private final Path startPath;

		private final boolean deep;

		private final long firstNanos;

		private final Deque<Frame> frames = new ArrayDeque<>();

		private final List<Path> gone = new ArrayList<>();

		Walker(KnownDirectory start, Path startPath, boolean deep, long firstNanos) {
			this.start = start;
			this.startPath = startPath;
			this.deep = deep;
			this.firstNanos = firstNanos;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) {
			if (this.frames.isEmpty()) {
				enter(this.start, this.startPath);
				return FileVisitResult.CONTINUE;
			}
			Frame parent = this.frames.peek();
			Path name = path.getFileName();
			KnownDirectory content = found(parent, name, DiskEntry.of(attributes));
			if (content == null) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			enter(content, parent.path.resolve(name));
			return FileVisitResult.CONTINUE;
		}

		private void enter(KnownDirectory directory, Path path) {
			this.frames.push(new Frame(directory, path));
			Reconciler.this.walkDirectories++;
		}

		@Override
		public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
			if (this.frames.isEmpty()) {
				throw new NotDirectoryException(path.toString());
			}
			found(this.frames.peek(), path.getFileName(), DiskEntry.of(attributes));
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path path, IOException ex) throws IOException {
			if (this.frames.isEmpty()) {
				throw ex;
			}
			if (ex instanceof AccessDeniedException) {
				// A directory that cannot be listed is still an entry; its content is
				// taken in once it can be read.
				DiskEntry entry = DiskEntry.read(path);
				if (entry != null) {
					found(this.frames.peek(), path.getFileName(), entry);
				}
			}
			return FileVisitResult.CONTINUE;
		}

		private @Nullable KnownDirectory found(Frame frame, Path name, DiskEntry entry) {
			KnownDirectory content = reconcile(frame.directory, name, frame.path.resolve(name), entry, NO_EVENT,
					this.deep, 0, this.firstNanos);
			int slot = frame.directory.find(name);
			if (slot >= 0) {
				frame.directory.markSeen(slot);
			}
			return content;
		}

		/**
		 * Delete what is known but was not listed. Entries are ticked off in the known
		 * directory itself, so a walk that finds nothing changed allocates nothing in
		 * proportion to the tree beyond what the file system's listing does.
		 */
		@Override
		public FileVisitResult postVisitDirectory(Path path, @Nullable IOException ex) {
			Frame frame = this.frames.pop();
			KnownDirectory directory = frame.directory;
			this.gone.clear();
			for (int slot = 0; slot < directory.slots(); slot++) {
				Path name = directory.name(slot);
				if (name != null && !directory.clearSeen(slot) && ex == null) {
					this.gone.add(name);
				}
			}
			for (Path name : this.gone) {
				int slot = directory.find(name);
				if (slot >= 0) {
					delete(directory, slot, frame.path.resolve(name), 0, this.firstNanos);
				}
			}
			this.gone.clear();
			return FileVisitResult.CONTINUE;
		}

	}

}
