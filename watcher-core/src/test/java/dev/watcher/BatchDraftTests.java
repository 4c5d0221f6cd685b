package dev.watcher;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link BatchDraft}.
 *
 * @author watcher team
 */
class BatchDraftTests {

	private final BatchDraft draft = new BatchDraft();

	@Test
	void createdThenDeletedInOneBatchLeavesNothing() {
		add("a", ChangeKind.CREATED, 5);
		add("b", ChangeKind.CREATED, 3);
		add("a", ChangeKind.DELETED, 7);
		assertThat(this.draft.size()).isOne();
		assertThat(this.draft.changes()).extracting(FileChange::relativePath).containsExactly(Path.of("b"));
		assertThat(this.draft.firstEventNanos()).isEqualTo(3);
	}

	@Test
	void secondChangeMergesIntoTheNetEffectAtTheFirstPosition() {
		add("a", ChangeKind.CREATED, 0);
		add("b", ChangeKind.DELETED, 0);
		add("c", ChangeKind.MODIFIED, 0);
		add("a", ChangeKind.MODIFIED, 0);
		add("b", ChangeKind.CREATED, 0);
		add("c", ChangeKind.DELETED, 0);
		assertThat(this.draft.changes()).extracting(FileChange::relativePath, FileChange::kind, FileChange::count)
			.containsExactly(tuple(Path.of("a"), ChangeKind.CREATED, 2), tuple(Path.of("b"), ChangeKind.MODIFIED, 2),
					tuple(Path.of("c"), ChangeKind.DELETED, 2));
	}

	@Test
	void pathCancelledOutCanComeBackInTheSameBatch() {
		add("a", ChangeKind.CREATED, 0);
		add("a", ChangeKind.DELETED, 0);
		add("a", ChangeKind.CREATED, 0);
		assertThat(this.draft.changes()).extracting(FileChange::kind).containsExactly(ChangeKind.CREATED);
		this.draft.reset();
		assertThat(this.draft.isEmpty()).isTrue();
		assertThat(this.draft.changes()).isEmpty();
	}

	private void add(String name, ChangeKind kind, long firstNanos) {
		this.draft.add(new FileChange(Path.of("/root", name), Path.of(name), kind, false, 1), firstNanos);
	}

}
