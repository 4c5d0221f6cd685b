package dev.watcher;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The entries of one directory that the listeners know of: each entry's name, kind and
 * stamp, and for a subdirectory its own {@link KnownDirectory}.
 * <p>
 * Kept small because a watcher holds one entry per file in its tree: an open-addressing
 * hash table over parallel arrays (linear probing, backward-shift deletion, so no
 * tombstones), holding the name {@link Path} the file system handed out and no full path,
 * so paths share their parents. Each entry also keeps when it was last seen, in
 * milliseconds since the watcher started, so that an event recorded before that moment is
 * known to be reflected in what was seen. Slots are only stable until the next insertion
 * or removal. Used by the dispatch thread only, apart from the walk at start-up, before
 * that thread starts.
 *
 * @author watcher team
 */
final class KnownDirectory {

	static final byte FILE = 1;

	static final byte DIRECTORY = 2;

	static final byte LINK = 3;

	static final byte OTHER = 4;

	private static final byte KIND_MASK = 0x0f;

	/**
	 * Set on an entry the listeners are told about; a directory the filters leave out is
	 * only kept to navigate.
	 */
	private static final byte REPORTED = 0x10;

	/** Set on an entry while a walk of its directory has found it. */
	private static final byte SEEN = 0x20;

	private static final int INITIAL_SLOTS = 4;

	private @Nullable Path[] names = new Path[INITIAL_SLOTS];

	private long[] stamps = new long[INITIAL_SLOTS];

	private byte[] kinds = new byte[INITIAL_SLOTS];

	private int[] seen = new int[INITIAL_SLOTS];

	private @Nullable KnownDirectory @Nullable [] subdirectories;

	private int size;

	private boolean forgotten;

	int size() {
		return this.size;
	}

	/**
	 * Return the slot of an entry.
	 * @param name the entry's file name
	 * @return its slot, or -1 if unknown
	 */
	int find(Path name) {
		int mask = this.names.length - 1;
		for (int slot = spread(name.hashCode()) & mask;; slot = (slot + 1) & mask) {
			Path candidate = this.names[slot];
			if (candidate == null) {
				return -1;
			}
			if (candidate.equals(name)) {
				return slot;
			}
		}
	}

	/**
	 * Add an entry that is not known yet.
	 * @return the slot it went to
	 */
	int insert(Path name, byte kind, boolean reported, long stamp, int seenAt) {
		if ((this.size + 1) * 4 > this.names.length * 3) {
			grow();
		}
		int mask = this.names.length - 1;
		int slot = spread(name.hashCode()) & mask;
		while (this.names[slot] != null) {
			slot = (slot + 1) & mask;
		}
		this.names[slot] = name;
		this.stamps[slot] = stamp;
		this.kinds[slot] = (byte) (kind | (reported ? REPORTED : 0));
		this.seen[slot] = seenAt;
		this.size++;
		return slot;
	}

	void update(int slot, byte kind, boolean reported, long stamp, int seenAt) {
		this.stamps[slot] = stamp;
		this.kinds[slot] = (byte) (kind | (reported ? REPORTED : 0) | (this.kinds[slot] & SEEN));
		this.seen[slot] = seenAt;
	}

	/**
	 * Remove the entry in a slot; the entries after it in its probe run move back, so
	 * other slots change.
	 */
	void remove(int slot) {
		int mask = this.names.length - 1;
		int hole = slot;
		for (int next = (hole + 1) & mask; this.names[next] != null; next = (next + 1) & mask) {
			int home = spread(this.names[next].hashCode()) & mask;
			// Move the entry back into the hole unless its home lies cyclically after the
			// hole.
			if (((next - home) & mask) >= ((next - hole) & mask)) {
				move(next, hole);
				hole = next;
			}
		}
		this.names[hole] = null;
		this.kinds[hole] = 0;
		if (this.subdirectories != null) {
			this.subdirectories[hole] = null;
		}
		this.size--;
	}

	/**
	 * Forget every entry.
	 */
	void clear() {
		this.names = new Path[INITIAL_SLOTS];
		this.stamps = new long[INITIAL_SLOTS];
		this.kinds = new byte[INITIAL_SLOTS];
		this.seen = new int[INITIAL_SLOTS];
		this.subdirectories = null;
		this.size = 0;
	}

	private void move(int from, int to) {
		this.names[to] = this.names[from];
		this.stamps[to] = this.stamps[from];
		this.kinds[to] = this.kinds[from];
		this.seen[to] = this.seen[from];
		if (this.subdirectories != null) {
			this.subdirectories[to] = this.subdirectories[from];
		}
	}

	private void grow() {
		Path[] oldNames = this.names;
		long[] oldStamps = this.stamps;
		byte[] oldKinds = this.kinds;
		int[] oldSeen = this.seen;
		KnownDirectory[] oldSubdirectories = this.subdirectories;
		this.names = new Path[oldNames.length * 2];
		this.stamps = new long[oldNames.length * 2];
		this.kinds = new byte[oldNames.length * 2];
		this.seen = new int[oldNames.length * 2];
		this.subdirectories = (oldSubdirectories != null) ? new KnownDirectory[oldNames.length * 2] : null;
		this.size = 0;
		for (int i = 0; i < oldNames.length; i++) {
			Path name = oldNames[i];
			if (name != null) {
				int slot = insert(name, (byte) (oldKinds[i] & KIND_MASK), (oldKinds[i] & REPORTED) != 0, oldStamps[i],
						oldSeen[i]);
				// A walk may be under way: keep its marks.
				this.kinds[slot] |= (byte) (oldKinds[i] & SEEN);
				if (oldSubdirectories != null) {
					this.subdirectories[slot] = oldSubdirectories[i];
				}
			}
		}
	}

	/**
	 * Return the number of slots; a slot whose {@link #name} is {@code null} is empty.
	 */
	int slots() {
		return this.names.length;
	}

	@Nullable Path name(int slot) {
		return this.names[slot];
	}

	byte kind(int slot) {
		return (byte) (this.kinds[slot] & KIND_MASK);
	}

	void markSeen(int slot) {
		this.kinds[slot] |= SEEN;
	}

	/**
	 * Clear the mark of a walk.
	 * @return whether the entry was marked
	 */
	boolean clearSeen(int slot) {
		boolean seen = (this.kinds[slot] & SEEN) != 0;
		this.kinds[slot] &= ~SEEN;
		return seen;
	}

	boolean isReported(int slot) {
		return (this.kinds[slot] & REPORTED) != 0;
	}

	long stamp(int slot) {
		return this.stamps[slot];
	}

	int seenAt(int slot) {
		return this.seen[slot];
	}

	@Nullable KnownDirectory subdirectory(int slot) {
		return (this.subdirectories != null) ? this.subdirectories[slot] : null;
	}

	void subdirectory(int slot, @Nullable KnownDirectory subdirectory) {
		if (this.subdirectories == null) {
			if (subdirectory == null) {
				return;
			}
			this.subdirectories = new KnownDirectory[this.names.length];
		}
		this.subdirectories[slot] = subdirectory;
	}

	/**
	 * Note that this directory left the known tree, so a cached lookup of it is stale.
	 */
	void forget() {
		this.forgotten = true;
	}

	boolean isForgotten() {
		return this.forgotten;
	}

	private static int spread(int hash) {
		int mixed = hash * 0x9E3779B1;
		return mixed ^ (mixed >>> 16);
	}

}
