package dev.watcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the changes of one batch. Reused from batch to batch; only the list it hands
 * out is new.
 *
 * @author watcher team
 */
final class BatchDraft {

	private final ArrayList<FileChange> changes = new ArrayList<>();

	private long firstEventNanos = Long.MAX_VALUE;

	void add(FileChange change, long firstNanos) {
		this.changes.add(change);
		this.firstEventNanos = Math.min(this.firstEventNanos, firstNanos);
	}

	int size() {
		return this.changes.size();
	}

	boolean isEmpty() {
		return this.changes.isEmpty();
	}

	List<FileChange> changes() {
		return List.copyOf(this.changes);
	}

	long firstEventNanos() {
		return this.firstEventNanos;
	}

	void reset() {
		this.changes.clear();
		this.firstEventNanos = Long.MAX_VALUE;
	}

}
