package dev.watcher;

import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the thread that reads raw events and the thread that runs listeners: the reader records
 * into the pending table and never waits for listeners; the dispatcher waits until a batch is due and takes it.
 * The lock is only held while the table or the counters change, never while listeners run.
 *
 * @author watcher team
 */
final class PendingChanges {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition due = this.lock.newCondition();

	private final PendingTable table;

	private final LongSupplier ticker;

	private long received;

	private long overflows;

	private long resyncs;

	private long published;

	private long batches;

	private long listenerErrors;

	private @Nullable Instant lastBatchAt;

	private boolean closed;

	PendingChanges(PendingTable table, LongSupplier ticker) {
		this.table = table;
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
			long droppedBefore = this.table.dropped();
			this.received += events.recordInto(this.table, this.ticker.getAsLong());
			if ((wasEmpty && this.table.size() > 0) || this.table.hasFullBatch()) {
				this.due.signal();
			}
			return this.table.dropped() - droppedBefore;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Count a kernel overflow: changes may have been lost, so the next batch is flagged.
	 * @param rawEvents how many raw events the overflow event stands for
	 */
	void overflowed(int rawEvents) {
		this.lock.lock();
		try {
			this.received += rawEvents;
			this.overflows++;
			this.table.markChangesLost();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until a batch is due and move it into {@code draft}. Once {@link #close()} has been called, every
	 * pending change is due.
	 * @param draft an empty draft to fill
	 * @return {@code false} when closed and nothing is left
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitBatch(BatchDraft draft) throws InterruptedException {
		this.lock.lock();
		try {
			while (true) {
				long now = this.ticker.getAsLong();
				if (this.closed) {
					this.table.drainTo(draft, now, true);
					return !draft.isEmpty();
				}
				long wait = this.table.nanosUntilDue(now);
				if (wait == 0) {
					this.table.drainTo(draft, now, false);
					if (!draft.isEmpty()) {
						return true;
					}
				}
				else if (wait == Long.MAX_VALUE) {
					this.due.await();
				}
				else {
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
					this.resyncs, this.table.size(), this.table.peak(), this.listenerErrors, this.lastBatchAt);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The counters at one moment.
	 */
	record Counters(long received, long published, long batches, long dropped, long overflows, long resyncs, int pending,
			int pendingPeak, long listenerErrors, @Nullable Instant lastBatchAt) {
	}

}
