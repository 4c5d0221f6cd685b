package dev.watcher;

/**
 * The net effect of the raw events a path received before its change was published.
 *
 * @author watcher team
 */
public enum ChangeKind {

	/**
	 * The path did not exist before the change and exists now.
	 */
	CREATED,

	/**
	 * The path existed before the change and still exists, with new content or
	 * attributes.
	 */
	MODIFIED,

	/**
	 * The path existed before the change and is gone now.
	 */
	DELETED

}
