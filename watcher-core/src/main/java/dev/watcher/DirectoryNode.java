package dev.watcher;

import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A directory the watcher knows, with the subdirectories it knows below it.
 * <p>
 * Raw events name a file relative to the directory whose watch reported it, so pending
 * changes are keyed by (directory, name) and the full path is only built when a change is
 * published.
 *
 * @author watcher team
 */
final class DirectoryNode {

	private final Path path;

	private final Path relativePath;

	private final boolean root;

	private @Nullable Map<Path, DirectoryNode> children;

	private @Nullable WatchKey key;

	private DirectoryNode(Path path, Path relativePath, boolean root) {
		this.path = path;
		this.relativePath = relativePath;
		this.root = root;
	}

	static DirectoryNode root(Path root) {
		return new DirectoryNode(root, Path.of(""), true);
	}

	/**
	 * Return a node for a directory that is not (or not yet) in the tree, to name paths
	 * below it in the pending table, which compares directories by their relative path.
	 * @param root the watched root
	 * @param relativePath the directory's path relative to the root
	 * @return the node
	 */
	static DirectoryNode detached(Path root, Path relativePath) {
		return new DirectoryNode(root.resolve(relativePath), relativePath, relativePath.toString().isEmpty());
	}

	boolean isRoot() {
		return this.root;
	}

	Path path() {
		return this.path;
	}

	Path relativePath() {
		return this.relativePath;
	}

	Path resolve(Path name) {
		return this.path.resolve(name);
	}

	Path resolveRelative(Path name) {
		return this.relativePath.resolve(name);
	}

	/**
	 * Return whether this node names the same directory as another one. A directory
	 * deleted and created again gets a new node, so pending changes compare nodes by
	 * path, with identity as the fast path.
	 * @param other the other node
	 * @return whether both have the same path
	 */
	boolean isSameDirectory(DirectoryNode other) {
		return this == other || this.relativePath.equals(other.relativePath);
	}

	@Nullable WatchKey key() {
		return this.key;
	}

	void watchedBy(@Nullable WatchKey key) {
		this.key = key;
	}

	DirectoryNode child(Path name) {
		Map<Path, DirectoryNode> children = this.children;
		if (children == null) {
			children = new HashMap<>();
			this.children = children;
		}
		return children.computeIfAbsent(name,
				(key) -> new DirectoryNode(this.path.resolve(key), this.relativePath.resolve(key), false));
	}

	@Nullable DirectoryNode existingChild(Path name) {
		return (this.children != null) ? this.children.get(name) : null;
	}

	@Nullable DirectoryNode removeChild(Path name) {
		return (this.children != null) ? this.children.remove(name) : null;
	}

	Collection<DirectoryNode> children() {
		return (this.children != null) ? this.children.values() : Collections.emptyList();
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
