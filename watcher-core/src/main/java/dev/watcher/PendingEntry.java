package dev.watcher;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A path that raw events named and that is waiting to be looked at, in a
 * {@link PendingTable}. Pooled: the table recycles entries instead of allocating one per
 * raw event, so an entry never leaves the table.
 *
 * @author watcher team
 */
final class PendingEntry {

	@Nullable DirectoryNode parent;

	@Nullable Path name;

	int hash;

	int count;

	long firstNanos;

	long lastNanos;

	/**
	 * Whether the path is a file held back until it has not changed for the settle time.
	 */
	boolean settling;

	/**
	 * When a settling file is to be looked at again, in {@link System#nanoTime()} time.
	 */
	long settleUntil;

	/** The stamp a settling file had when it was held back. */
	long settleStamp;

	/** Next entry in the same hash bucket. */
	@Nullable PendingEntry bucketNext;

	/** Neighbours in first-event order; {@code newer} also links the free list. */
	@Nullable PendingEntry older;

	@Nullable PendingEntry newer;

	void clear() {
		this.settling = false;
		this.parent = null;
		this.name = null;
		this.bucketNext = null;
		this.older = null;
		this.newer = null;
	}

}
