package dev.watcher;

import org.jspecify.annotations.Nullable;

/**
 * How a pending change absorbs the next raw event for the same path: the result tells the net effect.
 *
 * <pre>
 * pending \ event   CREATED    MODIFIED   DELETED
 * CREATED           CREATED    CREATED    (nothing)
 * MODIFIED          MODIFIED   MODIFIED   DELETED
 * DELETED           MODIFIED   MODIFIED   DELETED
 * </pre>
 *
 * A DELETED followed by any event means the path is back: it existed before the batch and exists now, so it is
 * MODIFIED. The same holds for a MODIFIED that reports CREATED (the file was replaced by a rename).
 *
 * @author watcher team
 */
final class Coalescing {

	private Coalescing() {
	}

	/**
	 * Return the net change once {@code event} follows {@code pending}.
	 * @param pending the change pending for the path
	 * @param event the kind of the new raw event
	 * @return the net change, or {@code null} when the two cancel out
	 */
	static @Nullable ChangeKind merge(ChangeKind pending, ChangeKind event) {
		return switch (pending) {
			case CREATED -> (event != ChangeKind.DELETED) ? ChangeKind.CREATED : null;
			case MODIFIED, DELETED -> (event != ChangeKind.DELETED) ? ChangeKind.MODIFIED : ChangeKind.DELETED;
		};
	}

}
