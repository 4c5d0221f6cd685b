package dev.watcher;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes due batches from the {@link PendingChanges} and hands them to the listeners, one batch at a time, in
 * sequence order. Runs on its own thread, so listeners never hold up the reading of raw events. A listener that
 * throws is logged and counted; the others still see the batch, and the watcher goes on.
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

	private final BatchDraft draft = new BatchDraft();

	private long sequence;

	BatchDispatcher(String watcherName, Path root, PendingChanges changes, List<Consumer<ChangeBatch>> listeners,
			List<BatchObserver> observers, Consumer<Throwable> failureHandler) {
		this.watcherName = watcherName;
		this.root = root;
		this.changes = changes;
		this.listeners = listeners;
		this.observers = observers;
		this.failureHandler = failureHandler;
	}

	@Override
	public void run() {
		try {
			while (this.changes.awaitBatch(this.draft)) {
				dispatch();
				this.draft.reset();
			}
		}
		catch (InterruptedException ex) {
			// Nothing interrupts this thread on purpose: close() makes every pending change due instead.
			this.failureHandler.accept(ex);
		}
		catch (RuntimeException | Error ex) {
			this.failureHandler.accept(ex);
		}
	}

	private void dispatch() {
		ChangeBatch batch = new ChangeBatch(this.watcherName, this.root, ++this.sequence, this.draft.changes(),
				this.draft.overflowed());
		long started = System.nanoTime();
		for (Consumer<ChangeBatch> listener : this.listeners) {
			callListener(listener, batch);
		}
		long finished = System.nanoTime();
		this.changes.batchPublished(batch.size(), Instant.now());
		long latency = Math.max(0, started - this.draft.firstEventNanos());
		for (BatchObserver observer : this.observers) {
			callObserver(observer, batch, latency, finished - started);
		}
	}

	/**
	 * Call one listener. Whatever it throws, errors included, is counted and logged: a listener must not be able to
	 * stop the delivery of later batches. An interrupt it leaves behind is cleared for the same reason.
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

}
