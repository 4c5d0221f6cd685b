package dev.watcher;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the thread that reads raw events and the thread that runs
 * listeners: the reader records into the pending table and never waits for listeners; the
 * dispatcher waits until a batch is due and takes it. The lock is only held while the
 * table or the counters change, never while listeners run.
 *
 * @author watcher team
 */
final class PendingChanges {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition due = this.lock.newCondition();

	private final PendingTable table;

	private final ResyncRequests resyncs;

	private final LongSupplier ticker;

	private long received;

	private long overflows;

	private long resyncCount;

	private long published;

	private long batches;

	private long listenerErrors;

	private @Nullable Instant lastBatchAt;

	private boolean closed;

	private boolean paused;

	PendingChanges(PendingTable table, ResyncRequests resyncs, LongSupplier ticker) {
		this.table = table;
		this.resyncs = resyncs;
		this.ticker = ticker;
	}

	/**
	 * Record raw events and wake the dispatcher when a batch may have become due.
	 * @param events the events, cleared on return
	 * @return how many pending changes were evicted to make room
	 */
	long record(RawEvents events) {
		if (events.isEmpty()) {
			return 0;
		}
		this.lock.lock();
		try {
			boolean wasEmpty = this.table.size() == 0;
			boolean noResync = this.resyncs.isEmpty();
			long droppedBefore = this.table.dropped();
			this.received += events.recordInto(this.table, this.ticker.getAsLong());
			if ((wasEmpty && this.table.size() > 0) || this.table.hasFullBatch()
					|| (noResync && !this.resyncs.isEmpty())) {
				this.due.signal();
			}
			return this.table.dropped() - droppedBefore;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Count an overflow of a directory's events: whatever they were, the directory is
	 * walked again.
	 * @param directory the directory whose events were lost
	 * @param rawEvents how many raw events the overflow event stands for
	 */
	void overflowed(DirectoryNode directory, int rawEvents) {
		this.lock.lock();
		try {
			this.received += rawEvents;
			this.overflows++;
			requested(() -> this.resyncs.directory(directory.relativePath(), this.ticker.getAsLong()));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ask for the whole tree to be walked again and compared with the known entries.
	 */
	void resyncTree() {
		this.lock.lock();
		try {
			requested(() -> this.resyncs.wholeTree(this.ticker.getAsLong()));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ask for the whole tree to be walked again at once, without waiting for the
	 * debounce, even while paused.
	 */
	void resyncTreeNow() {
		this.lock.lock();
		try {
			this.resyncs.wholeTree(this.ticker.getAsLong());
			this.resyncs.force();
			this.due.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ask for the walk of a poll, due at once unless paused.
	 */
	void poll() {
		this.lock.lock();
		try {
			this.resyncs.poll(this.ticker.getAsLong());
			this.due.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Hold back a file that is still changing; see {@link PendingTable#hold}.
	 */
	void hold(DirectoryNode parent, Path name, long delayNanos, long stamp, int count) {
		this.lock.lock();
		try {
			long now = this.ticker.getAsLong();
			this.table.hold(parent, name, now + delayNanos, stamp, count, now);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait while paused: what a round of work found before a pause waits for resume()
	 * too. Returns at once when closed.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitResumed() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.paused && !this.closed) {
				this.due.await();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Hold back or let go of the work: while paused, paths still coalesce in the table,
	 * within its bounds, but none is handed to the dispatcher.
	 * @param paused whether to hold back the work
	 */
	void paused(boolean paused) {
		this.lock.lock();
		try {
			this.paused = paused;
			this.due.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void requested(Runnable request) {
		boolean wasEmpty = this.resyncs.isEmpty();
		request.run();
		if (wasEmpty) {
			this.due.signal();
		}
	}

	/**
	 * Count a resync that ran, and hold back the next one accordingly.
	 * @param startedNanos when it started
	 * @param finishedNanos when it finished
	 */
	void resynced(long startedNanos, long finishedNanos) {
		this.lock.lock();
		try {
			this.resyncCount++;
			this.resyncs.finished(startedNanos, finishedNanos);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until paths are due to be looked at, or a resync is, and move them into
	 * {@code work}. Once {@link #close()} has been called, everything pending is due.
	 * @param work an empty holder to fill
	 * @return {@code false} when closed and nothing is left
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitWork(DueWork work) throws InterruptedException {
		this.lock.lock();
		try {
			while (true) {
				long now = this.ticker.getAsLong();
				if (this.closed) {
					work.flushing();
					this.table.drainTo(work, now, true);
					if (!this.resyncs.isEmpty()) {
						this.resyncs.moveTo(work);
					}
					return !work.isEmpty();
				}
				if (this.paused) {
					// A resync asked for while paused runs at once; everything else waits
					// for resume().
					if (this.resyncs.isForced()) {
						this.resyncs.moveTo(work);
						return true;
					}
					this.due.await();
					continue;
				}
				long resyncWait = this.resyncs.nanosUntilDue(now);
				if (resyncWait <= 0) {
					this.resyncs.moveTo(work);
				}
				long wait = Math.min(this.table.nanosUntilDue(now), Math.max(0, resyncWait));
				if (wait == 0) {
					this.table.drainTo(work, now, false);
				}
				if (!work.isEmpty()) {
					return true;
				}
				if (wait == Long.MAX_VALUE) {
					this.due.await();
				}
				else if (wait > 0) {
					this.due.awaitNanos(wait);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	void batchPublished(int changes, Instant at) {
		this.lock.lock();
		try {
			this.published += changes;
			this.batches++;
			this.lastBatchAt = at;
		}
		finally {
			this.lock.unlock();
		}
	}

	void listenerFailed() {
		this.lock.lock();
		try {
			this.listenerErrors++;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Make every pending change due; called once no more raw events will be recorded.
	 */
	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.due.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	Counters counters() {
		this.lock.lock();
		try {
			return new Counters(this.received, this.published, this.batches, this.table.dropped(), this.overflows,
					this.resyncCount, this.table.size(), this.table.settling(), this.table.peak(), this.listenerErrors,
					this.lastBatchAt);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The counters at one moment.
	 */
	record Counters(long received, long published, long batches, long dropped, long overflows, long resyncs,
			int pending, int settling, int pendingPeak, long listenerErrors, @Nullable Instant lastBatchAt) {
	}

}
