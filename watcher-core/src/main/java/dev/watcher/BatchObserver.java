package dev.watcher;

/**
 * Told about every batch once its listeners have run; the hook metrics hang on.
 * <p>
 * Called on the watcher's dispatch thread, so it must be quick and must not throw.
 *
 * @author watcher team
 */
@FunctionalInterface
public interface BatchObserver {

	/**
	 * Called after the listeners have seen a batch.
	 * @param batch the batch that was published
	 * @param latencyNanos time from the first raw event absorbed by the batch to its
	 * publication
	 * @param dispatchNanos time the listeners took
	 */
	void batchPublished(ChangeBatch batch, long latencyNanos, long dispatchNanos);

}
