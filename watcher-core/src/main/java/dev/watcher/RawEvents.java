package dev.watcher;

import java.nio.file.Path;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Raw events read from the file system, held until they are applied to the
 * {@link PendingTable} under its lock. Gathering them first keeps file system calls
 * (stat, registration, catch-up walks) outside the lock. Reused: cleared after each
 * application, never shrunk below its initial capacity.
 *
 * @author watcher team
 */
final class RawEvents {

	static final int CAPACITY = 256;

	private final @Nullable DirectoryNode[] parents = new DirectoryNode[CAPACITY];

	private final @Nullable Path[] names = new Path[CAPACITY];

	private final int[] counts = new int[CAPACITY];

	private final boolean[] directories = new boolean[CAPACITY];

	private int size;

	private long uncounted;

	/**
	 * Add one event.
	 * @return {@code true} when the buffer is full and must be applied before the next
	 * add
	 */
	boolean add(DirectoryNode parent, Path name, boolean directory, int count) {
		this.parents[this.size] = parent;
		this.names[this.size] = name;
		this.directories[this.size] = directory;
		this.counts[this.size] = count;
		this.size++;
		return this.size == CAPACITY;
	}

	/**
	 * Count raw events that need no look of their own, such as the creation of a
	 * directory that the walk of a new parent has already registered, and that the walk
	 * of that parent's content takes in.
	 * @param count how many raw events
	 */
	void countOnly(int count) {
		this.uncounted += count;
	}

	boolean isEmpty() {
		return this.size == 0 && this.uncounted == 0;
	}

	/**
	 * Record every held event in the table and clear the buffer.
	 * @param table the table to record into
	 * @param now the current {@link System#nanoTime()}
	 * @return the number of raw events the held events stand for
	 */
	long recordInto(PendingTable table, long now) {
		long raw = this.uncounted;
		for (int i = 0; i < this.size; i++) {
			table.record(this.parents[i], this.names[i], this.directories[i], this.counts[i], now);
			raw += this.counts[i];
		}
		Arrays.fill(this.parents, 0, this.size, null);
		Arrays.fill(this.names, 0, this.size, null);
		this.size = 0;
		this.uncounted = 0;
		return raw;
	}

}
