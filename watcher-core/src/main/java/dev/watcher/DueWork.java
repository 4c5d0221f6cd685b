package dev.watcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the dispatch thread takes from the {@link PendingChanges} in one go: the paths
 * that are due to be looked at, and the parts of the tree due to be walked again. Reused
 * from round to round, so taking paths allocates nothing once the arrays have grown to a
 * batch's size.
 *
 * @author watcher team
 */
final class DueWork {

	private static final int INITIAL_CAPACITY = 64;

	private @Nullable DirectoryNode[] parents = new DirectoryNode[INITIAL_CAPACITY];

	private @Nullable Path[] names = new Path[INITIAL_CAPACITY];

	private int[] counts = new int[INITIAL_CAPACITY];

	private long[] firstNanos = new long[INITIAL_CAPACITY];

	private long[] lastNanos = new long[INITIAL_CAPACITY];

	private long[] heldStamps = new long[INITIAL_CAPACITY];

	private boolean flushing;

	private int size;

	private boolean resyncTree;

	private final List<Path> resyncDirectories = new ArrayList<>();

	private long resyncFirstNanos;

	private boolean poll;

	private boolean forced;

	void add(DirectoryNode parent, Path name, int count, long first, long last, long heldStamp) {
		if (this.size == this.names.length) {
			int capacity = this.size * 2;
			this.parents = Arrays.copyOf(this.parents, capacity);
			this.names = Arrays.copyOf(this.names, capacity);
			this.counts = Arrays.copyOf(this.counts, capacity);
			this.firstNanos = Arrays.copyOf(this.firstNanos, capacity);
			this.lastNanos = Arrays.copyOf(this.lastNanos, capacity);
			this.heldStamps = Arrays.copyOf(this.heldStamps, capacity);
		}
		this.parents[this.size] = parent;
		this.names[this.size] = name;
		this.counts[this.size] = count;
		this.firstNanos[this.size] = first;
		this.lastNanos[this.size] = last;
		this.heldStamps[this.size] = heldStamp;
		this.size++;
	}

	void resync(boolean wholeTree, Collection<Path> directories, long first, boolean poll, boolean forced) {
		this.resyncTree = wholeTree;
		this.resyncDirectories.addAll(directories);
		this.resyncFirstNanos = first;
		this.poll = poll;
		this.forced = forced;
	}

	/**
	 * Return whether the walk asked for was asked for explicitly, which publishes even
	 * while paused.
	 */
	boolean isForced() {
		return this.forced;
	}

	/**
	 * Return whether the walk asked for is a poll's, which finds changes as events would,
	 * rather than a recovery of changes that were hidden.
	 */
	boolean isPoll() {
		return this.poll;
	}

	int size() {
		return this.size;
	}

	DirectoryNode parent(int index) {
		return this.parents[index];
	}

	Path name(int index) {
		return this.names[index];
	}

	int count(int index) {
		return this.counts[index];
	}

	long firstNanos(int index) {
		return this.firstNanos[index];
	}

	long lastNanos(int index) {
		return this.lastNanos[index];
	}

	long heldStamp(int index) {
		return this.heldStamps[index];
	}

	/**
	 * Note that this is the last work, taken as the watcher closes: files still changing
	 * go as they are.
	 */
	void flushing() {
		this.flushing = true;
	}

	boolean isFlushing() {
		return this.flushing;
	}

	boolean hasResync() {
		return this.resyncTree || !this.resyncDirectories.isEmpty();
	}

	boolean resyncsWholeTree() {
		return this.resyncTree;
	}

	List<Path> resyncDirectories() {
		return this.resyncDirectories;
	}

	long resyncFirstNanos() {
		return this.resyncFirstNanos;
	}

	boolean isEmpty() {
		return this.size == 0 && !hasResync();
	}

	void clear() {
		Arrays.fill(this.parents, 0, this.size, null);
		Arrays.fill(this.names, 0, this.size, null);
		this.size = 0;
		this.resyncTree = false;
		this.resyncDirectories.clear();
		this.poll = false;
		this.forced = false;
	}

}
