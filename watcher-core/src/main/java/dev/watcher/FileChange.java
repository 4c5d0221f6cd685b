package dev.watcher;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One path's change inside a {@link ChangeBatch}.
 *
 * @param path the absolute, normalized path that changed
 * @param relativePath the same path relative to the watched root
 * @param kind the net effect of the raw events absorbed
 * @param directory whether the path is (or, once deleted, was) a directory; a symbolic
 * link never is
 * @param count how many raw events named the path; 0 when the change was found by a walk
 * (of a new directory, or of a part of the tree that is resynced) rather than reported by
 * an event
 * @author watcher team
 */
public record FileChange(Path path, Path relativePath, ChangeKind kind, boolean directory, int count) {

	/**
	 * Create a new {@link FileChange} instance.
	 */
	public FileChange {
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(relativePath, "'relativePath' must not be null");
		Objects.requireNonNull(kind, "'kind' must not be null");
		if (count < 0) {
			throw new IllegalArgumentException("'count' must not be negative [" + count + "]");
		}
	}

}
