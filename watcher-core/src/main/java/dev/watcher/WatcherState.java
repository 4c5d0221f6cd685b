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
	 * Closed; every pending change has been published.
	 */
	STOPPED,

	/**
	 * Stopped by an error it could not recover from, or watching nothing since its root was deleted.
	 */
	FAILED

}
