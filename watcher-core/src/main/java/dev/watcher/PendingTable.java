package dev.watcher;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The paths that raw events named and that wait to be looked at, one entry per path
 * however many events name it, kept in the order their first events came. What changed is
 * decided when a path is looked at, against the known entries, so the table only keeps
 * which paths to look at and when.
 * <p>
 * A hash table with chained, intrusive entries threaded on a list in first-event order,
 * bounded by a capacity. Entries come from a free list and go back to it, and the bucket
 * array only grows (by doubling, up to twice the capacity), so recording a raw event
 * allocates nothing once the table has been as full as it gets. When a new path arrives
 * at a full table, the oldest quarter is evicted and counted as dropped, and their
 * directories are asked to be walked again, which finds whatever changed in them. Not
 * thread-safe: {@link PendingChanges} guards it.
 *
 * @author watcher team
 */
final class PendingTable {

	private static final int INITIAL_BUCKETS = 1024;

	private static final int MAX_BUCKETS = 1 << 30;

	private final int capacity;

	private final Debounce debounce;

	private final PathFilter filter;

	private final ResyncRequests resyncs;

	private final int maxBuckets;

	private @Nullable PendingEntry[] buckets;

	private int mask;

	private @Nullable PendingEntry oldest;

	private @Nullable PendingEntry newest;

	private @Nullable PendingEntry free;

	private int size;

	private int peak;

	private long dropped;

	private int settling;

	PendingTable(int capacity, Debounce debounce, PathFilter filter, ResyncRequests resyncs) {
		this.capacity = capacity;
		this.debounce = debounce;
		this.filter = filter;
		this.resyncs = resyncs;
		// At most half full once grown, so chains stay short; a large capacity costs
		// memory only when it is used.
		this.maxBuckets = (int) Math.min(Long.highestOneBit(Math.max(2L, capacity * 2L) - 1) << 1, MAX_BUCKETS);
		this.buckets = new PendingEntry[Math.min(INITIAL_BUCKETS, this.maxBuckets)];
		this.mask = this.buckets.length - 1;
	}

	/**
	 * Record one raw event.
	 * @param parent the directory whose watch reported the event
	 * @param name the file name the event carries
	 * @param directory whether the path is known to be a directory, which is looked at
	 * even if the filters leave it out, since what it holds may be reported
	 * @param count how many identical raw events this stands for
	 * @param now the current {@link System#nanoTime()}
	 */
	void record(DirectoryNode parent, Path name, boolean directory, int count, long now) {
		int hash = 31 * parent.relativePath().hashCode() + name.hashCode();
		int index = spread(hash) & this.mask;
		PendingEntry entry = find(index, hash, parent, name);
		if (entry != null) {
			entry.count += count;
			entry.lastNanos = now;
			return;
		}
		if (!directory && !this.filter.accepts(parent, name)) {
			return;
		}
		if (this.size == this.capacity) {
			evictOldest(Math.max(1, this.capacity / 4), now);
			index = spread(hash) & this.mask;
		}
		insert(index, hash, parent, name, count, now);
	}

	/**
	 * Hold back a file that is still changing until {@code until}, when it is looked at
	 * again. It counts as pending, and is evicted like any other path when the table is
	 * full.
	 * @param parent the file's directory
	 * @param name the file's name
	 * @param until when to look at it again, in {@link System#nanoTime()} time
	 * @param stamp the file's stamp now, which it must still have then to be settled
	 * @param count how many raw events named the file since it was last looked at
	 * @param now the current {@link System#nanoTime()}
	 */
	void hold(DirectoryNode parent, Path name, long until, long stamp, int count, long now) {
		int hash = 31 * parent.relativePath().hashCode() + name.hashCode();
		int index = spread(hash) & this.mask;
		PendingEntry entry = find(index, hash, parent, name);
		if (entry == null) {
			if (this.size == this.capacity) {
				evictOldest(Math.max(1, this.capacity / 4), now);
				index = spread(hash) & this.mask;
			}
			entry = insert(index, hash, parent, name, 0, now);
		}
		entry.count += count;
		if (!entry.settling) {
			entry.settling = true;
			this.settling++;
		}
		else if (entry.settleStamp == stamp && entry.settleUntil - until < 0) {
			// Found unchanged again, by a poll or a walk: it keeps its turn, or a poll
			// shorter than the settle time would put it off for ever.
			return;
		}
		entry.settleUntil = until;
		entry.settleStamp = stamp;
	}

	private @Nullable PendingEntry find(int index, int hash, DirectoryNode parent, Path name) {
		for (PendingEntry entry = this.buckets[index]; entry != null; entry = entry.bucketNext) {
			if (entry.hash == hash && name.equals(entry.name) && parent.isSameDirectory(entry.parent)) {
				return entry;
			}
		}
		return null;
	}

	private PendingEntry insert(int index, int hash, DirectoryNode parent, Path name, int count, long now) {
		PendingEntry entry = takeFree();
		entry.parent = parent;
		entry.name = name;
		entry.hash = hash;
		entry.count = count;
		entry.firstNanos = now;
		entry.lastNanos = now;
		entry.bucketNext = this.buckets[index];
		this.buckets[index] = entry;
		entry.older = this.newest;
		if (this.newest != null) {
			this.newest.newer = entry;
		}
		else {
			this.oldest = entry;
		}
		this.newest = entry;
		this.size++;
		this.peak = Math.max(this.peak, this.size);
		if (this.size > this.buckets.length / 2 && this.buckets.length < this.maxBuckets) {
			growBuckets();
		}
		return entry;
	}

	private void growBuckets() {
		this.buckets = new PendingEntry[this.buckets.length * 2];
		this.mask = this.buckets.length - 1;
		for (PendingEntry entry = this.oldest; entry != null; entry = entry.newer) {
			int index = spread(entry.hash) & this.mask;
			entry.bucketNext = this.buckets[index];
			this.buckets[index] = entry;
		}
	}

	private PendingEntry takeFree() {
		PendingEntry entry = this.free;
		if (entry == null) {
			return new PendingEntry();
		}
		this.free = entry.newer;
		entry.newer = null;
		return entry;
	}

	private void evictOldest(int count, long now) {
		for (int i = 0; i < count && this.oldest != null; i++) {
			PendingEntry entry = this.oldest;
			this.resyncs.directory(entry.parent.relativePath(), now);
			remove(spread(entry.hash) & this.mask, entry);
			this.dropped++;
		}
	}

	private void remove(int index, PendingEntry entry) {
		unlinkFromBucket(index, entry);
		if (entry.older != null) {
			entry.older.newer = entry.newer;
		}
		else {
			this.oldest = entry.newer;
		}
		if (entry.newer != null) {
			entry.newer.older = entry.older;
		}
		else {
			this.newest = entry.older;
		}
		this.size--;
		if (entry.settling) {
			this.settling--;
		}
		entry.clear();
		entry.newer = this.free;
		this.free = entry;
	}

	private void unlinkFromBucket(int index, PendingEntry entry) {
		PendingEntry previous = null;
		for (PendingEntry candidate = this.buckets[index]; candidate != null; candidate = candidate.bucketNext) {
			if (candidate == entry) {
				if (previous == null) {
					this.buckets[index] = entry.bucketNext;
				}
				else {
					previous.bucketNext = entry.bucketNext;
				}
				return;
			}
			previous = candidate;
		}
	}

	/**
	 * Return how long until a batch can leave: zero when a full batch is pending or a
	 * change is ready, {@link Long#MAX_VALUE} when nothing is pending.
	 * @param now the current {@link System#nanoTime()}
	 * @return nanoseconds until the next batch is due
	 */
	long nanosUntilDue(long now) {
		if (this.size == 0) {
			return Long.MAX_VALUE;
		}
		if (hasFullBatch()) {
			return 0;
		}
		long earliest = Long.MAX_VALUE;
		for (PendingEntry entry = this.oldest; entry != null; entry = entry.newer) {
			earliest = Math.min(earliest, this.debounce.nanosUntilReady(entry, now));
		}
		return Math.max(0, earliest);
	}

	/**
	 * Move the paths that may be looked at now into {@code work}: the oldest
	 * {@code maxBatchSize} when that many are pending, otherwise every ready one, up to
	 * {@code maxBatchSize}. With {@code flush}, readiness is ignored.
	 * @param work where the paths go
	 * @param now the current {@link System#nanoTime()}
	 * @param flush whether to take paths that are not ready yet
	 */
	void drainTo(DueWork work, long now, boolean flush) {
		boolean readyOrNot = flush || hasFullBatch();
		int limit = this.debounce.maxBatchSize();
		PendingEntry entry = this.oldest;
		while (entry != null && work.size() < limit) {
			PendingEntry next = entry.newer;
			if (flush || (readyOrNot && !entry.settling) || this.debounce.isReady(entry, now)) {
				work.add(entry.parent, entry.name, entry.count, entry.firstNanos, entry.lastNanos,
						entry.settling ? entry.settleStamp : Reconciler.NOT_HELD);
				remove(spread(entry.hash) & this.mask, entry);
			}
			entry = next;
		}
	}

	/**
	 * Return whether a full batch is pending, which leaves at once, ready or not.
	 * @return whether at least {@code maxBatchSize} changes are pending
	 */
	boolean hasFullBatch() {
		return this.size - this.settling >= this.debounce.maxBatchSize();
	}

	int settling() {
		return this.settling;
	}

	int size() {
		return this.size;
	}

	int peak() {
		return this.peak;
	}

	long dropped() {
		return this.dropped;
	}

	// VisibleForTesting
	@Nullable PendingEntry oldestEntry() {
		return this.oldest;
	}

	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

}
