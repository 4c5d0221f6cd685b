package dev.watcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes due work from the {@link PendingChanges}, turns it into changes with the
 * {@link Reconciler}, and hands them to the listeners in batches, one batch at a time, in
 * sequence order. Runs on its own thread, so listeners never hold up the reading of raw
 * events. A listener that throws is logged and counted; the others still see the batch,
 * and the watcher goes on: the batch counts as delivered.
 *
 * @author watcher team
 */
final class BatchDispatcher implements Runnable {

	private static final System.Logger logger = System.getLogger(FileWatcher.class.getName());

	private final String watcherName;

	private final Path root;

	private final PendingChanges changes;

	private final List<Consumer<ChangeBatch>> listeners;

	private final List<BatchObserver> observers;

	private final Consumer<Throwable> failureHandler;

	private final int maxBatchSize;

	private final Reconciler reconciler;

	private final DueWork work = new DueWork();

	private final BatchDraft draft = new BatchDraft();

	private boolean resyncing;

	private boolean forcedResync;

	private int emitted;

	private final LogThrottle resyncLog = new LogThrottle();

	private volatile int polledDirectories;

	private long sequence;

	BatchDispatcher(Settings settings, PendingChanges changes, KnownEntries known) {
		this.watcherName = settings.name();
		this.root = settings.root();
		this.changes = changes;
		this.listeners = settings.listeners();
		this.observers = settings.observers();
		this.failureHandler = settings.failureHandler();
		this.maxBatchSize = settings.maxBatchSize();
		this.reconciler = new Reconciler(this.root, settings.recursive(), settings.filter(), settings.settleMillis(),
				known, new Sink());
	}

	/**
	 * Learn the entries present at start-up; called before the thread starts.
	 * @throws IOException if the root cannot be listed
	 */
	void learn() throws IOException {
		this.reconciler.learn();
	}

	/**
	 * Return how many directories the last poll walked.
	 */
	int polledDirectories() {
		return this.polledDirectories;
	}

	@Override
	public void run() {
		try {
			while (this.changes.awaitWork(this.work)) {
				process();
				this.work.clear();
			}
		}
		catch (InterruptedException ex) {
			// Nothing interrupts this thread on purpose: close() makes every pending
			// change due instead.
			this.failureHandler.accept(ex);
		}
		catch (RuntimeException | Error ex) {
			this.failureHandler.accept(ex);
		}
	}

	private void process() {
		if (this.work.isFlushing()) {
			this.reconciler.stopSettling();
		}
		if (this.work.hasResync()) {
			resync();
		}
		for (int i = 0; i < this.work.size(); i++) {
			this.reconciler.apply(this.work.parent(i).relativePath(), this.work.name(i), this.work.count(i),
					this.work.firstNanos(i), this.work.lastNanos(i), this.work.heldStamp(i));
		}
		publish();
	}

	/**
	 * Walk what the resync asks for and publish what it finds. Known limit: the walk runs
	 * on this thread, so the paths that events name wait until it ends, however large the
	 * tree; its own batches leave as they fill.
	 */
	private void resync() {
		long started = System.nanoTime();
		long first = this.work.resyncFirstNanos();
		publish();
		boolean poll = this.work.isPoll();
		this.forcedResync = this.work.isForced();
		int emittedBefore = this.emitted;
		this.resyncing = !poll;
		try {
			if (this.work.resyncsWholeTree()) {
				this.reconciler.resync(KnownEntries.ROOT, true, first);
			}
			else {
				for (Path directory : this.work.resyncDirectories()) {
					this.reconciler.resync(directory, false, first);
				}
			}
			publish();
		}
		finally {
			this.resyncing = false;
			this.forcedResync = false;
		}
		if (poll) {
			this.polledDirectories = this.reconciler.lastWalkDirectories();
			return;
		}
		long finished = System.nanoTime();
		this.changes.resynced(started, finished);
		String scope = this.work.resyncsWholeTree() ? "the whole tree"
				: this.work.resyncDirectories().size() + " directory(ies)";
		int found = this.emitted - emittedBefore;
		this.resyncLog.log(logger, System.Logger.Level.INFO, 1,
				(count, total) -> "Watcher '" + this.watcherName + "' resynced " + scope + " in "
						+ TimeUnit.NANOSECONDS.toMillis(finished - started) + " ms and found " + found
						+ " hidden change(s) (" + count + " resync(s) since the last line, " + total + " in total)");
	}

	private void emit(FileChange change, long firstNanos) {
		this.emitted++;
		this.draft.add(change, firstNanos);
		if (this.draft.size() >= this.maxBatchSize) {
			publish();
		}
	}

	private void publish() {
		if (this.draft.isEmpty()) {
			// Changes that cancelled out may be left.
			this.draft.reset();
			return;
		}
		if (!this.forcedResync) {
			awaitResumed();
		}
		ChangeBatch batch = new ChangeBatch(this.watcherName, this.root, ++this.sequence, this.draft.changes(),
				this.resyncing);
		long started = System.nanoTime();
		for (Consumer<ChangeBatch> listener : this.listeners) {
			callListener(listener, batch);
		}
		long finished = System.nanoTime();
		this.changes.batchPublished(batch.size(), Instant.now());
		long latency = Math.max(0, started - this.draft.firstEventNanos());
		this.draft.reset();
		for (BatchObserver observer : this.observers) {
			callObserver(observer, batch, latency, finished - started);
		}
	}

	/**
	 * Hold a batch while the watcher is paused, for a round of work can find several
	 * batches and a listener may pause the watcher in the middle of them.
	 */
	private void awaitResumed() {
		try {
			this.changes.awaitResumed();
		}
		catch (InterruptedException ex) {
			// Nothing interrupts this thread on purpose (a listener's leftover interrupt
			// is cleared after it returns): publish rather than lose the batch.
		}
	}

	/**
	 * Call one listener. Whatever it throws, errors included, is counted and logged: a
	 * listener must not be able to stop the delivery of later batches. An interrupt it
	 * leaves behind is cleared for the same reason.
	 */
	private void callListener(Consumer<ChangeBatch> listener, ChangeBatch batch) {
		try {
			listener.accept(batch);
		}
		catch (Throwable ex) {
			this.changes.listenerFailed();
			logger.log(System.Logger.Level.WARNING, "Watcher '" + this.watcherName + "' listener failed on batch "
					+ batch.sequence() + " (" + batch.size() + " changes); the watcher goes on", ex);
		}
		finally {
			Thread.interrupted();
		}
	}

	private void callObserver(BatchObserver observer, ChangeBatch batch, long latency, long dispatch) {
		try {
			observer.batchPublished(batch, latency, dispatch);
		}
		catch (Throwable ex) {
			logger.log(System.Logger.Level.WARNING, "Watcher '" + this.watcherName + "' observer failed", ex);
		}
		finally {
			Thread.interrupted();
		}
	}

	/**
	 * What the dispatcher needs from the watcher's configuration.
	 */
	record Settings(String name, Path root, boolean recursive, PathFilter filter, int maxBatchSize, long settleMillis,
			List<Consumer<ChangeBatch>> listeners, List<BatchObserver> observers, Consumer<Throwable> failureHandler) {
	}

	/**
	 * Where the reconciler's findings go: changes into the batch being built, files still
	 * changing back to the pending table.
	 */
	private final class Sink implements Reconciler.ChangeSink {

		@Override
		public void emit(FileChange change, long firstNanos) {
			BatchDispatcher.this.emit(change, firstNanos);
		}

		@Override
		public void hold(Path parent, Path name, long delayNanos, long stamp, int count) {
			BatchDispatcher.this.changes.hold(DirectoryNode.detached(BatchDispatcher.this.root, parent), name,
					delayNanos, stamp, count);
		}

	}

}
