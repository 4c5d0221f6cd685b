package dev.watcher;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One path's change inside a {@link ChangeBatch}.
 *
 * @param path the absolute, normalized path that changed
 * @param relativePath the same path relative to the watched root
 * @param kind the net effect of the raw events absorbed
 * @param directory whether the path is (or, once deleted, was) a directory; a symbolic link never is
 * @param count how many raw events this change absorbed, at least 1
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
		if (count < 1) {
			throw new IllegalArgumentException("'count' must be at least 1 [" + count + "]");
		}
	}

}
