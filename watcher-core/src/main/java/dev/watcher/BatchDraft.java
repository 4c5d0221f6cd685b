package dev.watcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Collects the changes of one batch, at most one per path. One round of the dispatcher
 * can find the same path twice, by a walk and by its own event, so a second change for a
 * path already in the batch merges with the first into the net effect:
 *
 * <pre>
 * first \ then   MODIFIED   DELETED
 * CREATED        CREATED    (nothing)
 * MODIFIED       MODIFIED   DELETED
 * DELETED        -          -          (CREATED after DELETED gives MODIFIED)
 * </pre>
 *
 * Reused from batch to batch; only the list it hands out is new.
 *
 * @author watcher team
 */
final class BatchDraft {

	private final List<@Nullable FileChange> changes = new ArrayList<>();

	private final Map<Path, Integer> positions = new HashMap<>();

	private int cancelled;

	private long firstEventNanos = Long.MAX_VALUE;

	void add(FileChange change, long firstNanos) {
		this.firstEventNanos = Math.min(this.firstEventNanos, firstNanos);
		Integer position = this.positions.get(change.relativePath());
		if (position == null) {
			this.positions.put(change.relativePath(), this.changes.size());
			this.changes.add(change);
			return;
		}
		FileChange earlier = Objects.requireNonNull(this.changes.get(position));
		ChangeKind kind = merge(earlier.kind(), change.kind());
		if (kind == null) {
			this.changes.set(position, null);
			this.positions.remove(change.relativePath());
			this.cancelled++;
			return;
		}
		this.changes.set(position, new FileChange(change.path(), change.relativePath(), kind, change.directory(),
				earlier.count() + change.count()));
	}

	private static @Nullable ChangeKind merge(ChangeKind first, ChangeKind then) {
		if (first == ChangeKind.CREATED) {
			return (then != ChangeKind.DELETED) ? ChangeKind.CREATED : null;
		}
		if (first == ChangeKind.DELETED) {
			return (then != ChangeKind.DELETED) ? ChangeKind.MODIFIED : ChangeKind.DELETED;
		}
		return then;
	}

	int size() {
		return this.changes.size() - this.cancelled;
	}

	boolean isEmpty() {
		return size() == 0;
	}

	List<FileChange> changes() {
		List<FileChange> changes = new ArrayList<>(size());
		for (FileChange change : this.changes) {
			if (change != null) {
				changes.add(change);
			}
		}
		return List.copyOf(changes);
	}

	long firstEventNanos() {
		return this.firstEventNanos;
	}

	void reset() {
		this.changes.clear();
		this.positions.clear();
		this.cancelled = 0;
		this.firstEventNanos = Long.MAX_VALUE;
	}

}
