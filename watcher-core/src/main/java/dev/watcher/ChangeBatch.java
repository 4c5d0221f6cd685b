package dev.watcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The changes one watcher publishes together. At most one change per path, in the order
 * the paths first changed.
 *
 * @param watcher the name of the watcher that published the batch
 * @param root the watched root directory
 * @param sequence the batch's number, from 1 and strictly increasing per watcher
 * @param changes the changes, never empty
 * @param overflowed whether changes may have been lost before this batch, because the
 * kernel's event queue overflowed or the watcher's pending table was full
 * @author watcher team
 */
public record ChangeBatch(String watcher, Path root, long sequence, List<FileChange> changes, boolean overflowed) {

	/**
	 * Create a new {@link ChangeBatch} instance.
	 */
	public ChangeBatch {
		Objects.requireNonNull(watcher, "'watcher' must not be null");
		Objects.requireNonNull(root, "'root' must not be null");
		if (sequence < 1) {
			throw new IllegalArgumentException("'sequence' must be at least 1 [" + sequence + "]");
		}
		changes = List.copyOf(changes);
	}

	/**
	 * Return the number of changes in this batch.
	 * @return the number of changes
	 */
	public int size() {
		return this.changes.size();
	}

}
