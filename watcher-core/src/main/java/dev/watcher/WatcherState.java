package dev.watcher;

/**
 * The life cycle of a {@link FileWatcher}.
 *
 * @author watcher team
 */
public enum WatcherState {

	/**
	 * Built, or registering its directories; not yet delivering changes.
	 */
	STARTING,

	/**
	 * Watching and delivering changes.
	 */
	RUNNING,

	/**
	 * Its root directory is gone (deleted, or moved away): every entry it knew has been
	 * reported deleted, and it checks at the root-retry interval for the root to come
	 * back, then reports what it finds there as created.
	 */
	WAITING_FOR_ROOT,

	/**
	 * Paused: changes still coalesce, within the same bounds, but nothing is published
	 * until it is resumed.
	 */
	PAUSED,

	/**
	 * Closed; every pending change has been published.
	 */
	STOPPED,

	/**
	 * Stopped by an error it could not recover from.
	 */
	FAILED

}
