package dev.watcher;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A path's pending change in a {@link PendingTable}. Pooled: the table recycles entries instead of allocating one
 * per raw event, so an entry never leaves the table.
 *
 * @author watcher team
 */
final class PendingEntry {

	@Nullable DirectoryNode parent;

	@Nullable Path name;

	int hash;

	@Nullable ChangeKind kind;

	boolean directory;

	int count;

	long firstNanos;

	long lastNanos;

	/** Next entry in the same hash bucket. */
	@Nullable PendingEntry bucketNext;

	/** Neighbours in first-change order; {@code newer} also links the free list. */
	@Nullable PendingEntry older;

	@Nullable PendingEntry newer;

	void clear() {
		this.parent = null;
		this.name = null;
		this.kind = null;
		this.bucketNext = null;
		this.older = null;
		this.newer = null;
	}

	FileChange toChange() {
		DirectoryNode parent = this.parent;
		Path name = this.name;
		ChangeKind kind = this.kind;
		if (parent == null || name == null || kind == null) {
			throw new IllegalStateException("Pending entry is not in use");
		}
		return new FileChange(parent.resolve(name), parent.resolveRelative(name), kind, this.directory, this.count);
	}

}
