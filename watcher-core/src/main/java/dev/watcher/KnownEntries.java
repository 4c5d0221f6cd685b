package dev.watcher;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * The entries under the root that the listeners know of: the tree of
 * {@link KnownDirectory directories}, starting from the root's. Every published change is
 * computed against it and applied to it, so replaying the published batches onto the
 * entries present at start-up gives exactly this tree. Used by the dispatch thread only.
 *
 * @author watcher team
 */
final class KnownEntries {

	static final Path ROOT = Path.of("");

	private final KnownDirectory root = new KnownDirectory();

	private @Nullable Path lastPath;

	private @Nullable KnownDirectory lastDirectory;

	private int followed;

	KnownDirectory root() {
		return this.root;
	}

	/**
	 * Return a known directory.
	 * @param relativePath the directory's path relative to the root
	 * @return the directory, or {@code null} if it is not known as one
	 */
	@Nullable KnownDirectory directory(Path relativePath) {
		if (relativePath.equals(ROOT)) {
			return this.root;
		}
		// Changes come grouped by directory, so the last lookup is usually the next one.
		KnownDirectory last = this.lastDirectory;
		if (last != null && !last.isForgotten() && relativePath.equals(this.lastPath)) {
			return last;
		}
		KnownDirectory directory = follow(relativePath);
		if (this.followed < relativePath.getNameCount()) {
			return null;
		}
		this.lastPath = relativePath;
		this.lastDirectory = directory;
		return directory;
	}

	/**
	 * Return how many leading names of a path are known directories.
	 * @param relativePath a path relative to the root
	 * @return the number of its leading names that are known directories
	 */
	int knownDepth(Path relativePath) {
		if (relativePath.equals(ROOT)) {
			return 0;
		}
		follow(relativePath);
		return this.followed;
	}

	/**
	 * Follow a path's names through the known directories, as far as they go.
	 * @return the last directory reached; how many names were followed is left in
	 * {@link #followed}
	 */
	private KnownDirectory follow(Path relativePath) {
		KnownDirectory directory = this.root;
		int depth = 0;
		for (Path name : relativePath) {
			int slot = directory.find(name);
			KnownDirectory next = (slot >= 0) ? directory.subdirectory(slot) : null;
			if (next == null) {
				break;
			}
			directory = next;
			depth++;
		}
		this.followed = depth;
		return directory;
	}

	/**
	 * Count the entries, walking the whole tree.
	 * @return the number of known entries, reported or kept to navigate
	 */
	long count() {
		long count = 0;
		Deque<KnownDirectory> pending = new ArrayDeque<>();
		pending.push(this.root);
		while (!pending.isEmpty()) {
			KnownDirectory directory = pending.pop();
			count += directory.size();
			for (int slot = 0; slot < directory.slots(); slot++) {
				KnownDirectory subdirectory = directory.subdirectory(slot);
				if (subdirectory != null) {
					pending.push(subdirectory);
				}
			}
		}
		return count;
	}

}
