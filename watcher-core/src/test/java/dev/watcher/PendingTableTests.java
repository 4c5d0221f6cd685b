package dev.watcher;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link PendingTable}, driven by an explicit clock: every time is a {@link System#nanoTime()} value
 * chosen by the test.
 *
 * @author watcher team
 */
class PendingTableTests {

	private static final long QUIET = Duration.ofMillis(100).toNanos();

	private static final long MAX_WAIT = Duration.ofSeconds(1).toNanos();

	private static final long MS = Duration.ofMillis(1).toNanos();

	private final DirectoryNode root = DirectoryNode.root(Path.of("/data/root"));

	private final DirectoryNode sub = this.root.child(Path.of("sub"));

	@Test
	void createdThenModifiedIsOneCreated() {
		PendingTable table = table(10, 50);
		record(table, "a", ChangeKind.CREATED, 0);
		record(table, "a", ChangeKind.MODIFIED, 1);
		record(table, "a", ChangeKind.MODIFIED, 2);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::relativePath, FileChange::kind, FileChange::count)
			.containsExactly(tuple(Path.of("a"), ChangeKind.CREATED, 3));
	}

	@Test
	void createdThenDeletedLeavesNothing() {
		PendingTable table = table(10, 50);
		record(table, "a", ChangeKind.CREATED, 0);
		record(table, "a", ChangeKind.DELETED, 1);
		assertThat(table.size()).isZero();
		assertThat(drain(table, 200 * MS)).isEmpty();
	}

	@Test
	void deletedThenCreatedIsModified() {
		PendingTable table = table(10, 50);
		record(table, "a", ChangeKind.DELETED, 0);
		record(table, "a", ChangeKind.CREATED, 1);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::kind).containsExactly(ChangeKind.MODIFIED);
	}

	@Test
	void deletedDirectoryStaysADirectory() {
		PendingTable table = table(10, 50);
		table.record(this.root, Path.of("d"), ChangeKind.MODIFIED, true, 1, 0);
		table.record(this.root, Path.of("d"), ChangeKind.DELETED, true, 1, 1);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::kind, FileChange::directory)
			.containsExactly(tuple(ChangeKind.DELETED, true));
	}

	@Test
	void sameNameInTwoDirectoriesIsTwoChanges() {
		PendingTable table = table(10, 50);
		table.record(this.root, Path.of("a"), ChangeKind.CREATED, false, 1, 0);
		table.record(this.sub, Path.of("a"), ChangeKind.CREATED, false, 1, 0);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::path)
			.containsExactly(Path.of("/data/root/a"), Path.of("/data/root/sub/a"));
	}

	@Test
	void batchKeepsTheOrderInWhichPathsFirstChanged() {
		PendingTable table = table(10, 50);
		record(table, "b", ChangeKind.CREATED, 0);
		record(table, "a", ChangeKind.CREATED, 1);
		record(table, "b", ChangeKind.MODIFIED, 2);
		record(table, "c", ChangeKind.CREATED, 3);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::relativePath)
			.containsExactly(Path.of("b"), Path.of("a"), Path.of("c"));
	}

	@Test
	void changeIsNotReadyBeforeItsPathIsQuiet() {
		PendingTable table = table(10, 50);
		record(table, "a", ChangeKind.CREATED, 0);
		record(table, "a", ChangeKind.MODIFIED, 60 * MS);
		assertThat(table.nanosUntilDue(100 * MS)).isEqualTo(60 * MS);
		assertThat(drain(table, 159 * MS)).isEmpty();
		assertThat(drain(table, 160 * MS)).hasSize(1);
	}

	@Test
	void busyPathDoesNotHoldBackQuietOnes() {
		PendingTable table = table(10, 50);
		record(table, "log", ChangeKind.MODIFIED, 0);
		record(table, "quiet", ChangeKind.CREATED, 10 * MS);
		for (long t = 20; t <= 120; t += 20) {
			record(table, "log", ChangeKind.MODIFIED, t * MS);
		}
		assertThat(drain(table, 120 * MS)).extracting(FileChange::relativePath).containsExactly(Path.of("quiet"));
		assertThat(table.size()).isOne();
	}

	@Test
	void pathThatNeverGoesQuietLeavesAfterMaxWait() {
		PendingTable table = table(10, 50);
		long t = 0;
		for (; t < MAX_WAIT; t += 50 * MS) {
			record(table, "log", ChangeKind.MODIFIED, t);
			assertThat(drain(table, t)).isEmpty();
		}
		assertThat(table.nanosUntilDue(t)).isZero();
		assertThat(drain(table, t)).extracting(FileChange::relativePath, FileChange::count)
			.containsExactly(tuple(Path.of("log"), 20));
	}

	@Test
	void maxWaitOfCenturiesDoesNotOverflow() {
		PathFilter everything = PathFilter.of(FileSystems.getDefault(), List.of(), List.of());
		PendingTable table = new PendingTable(10, new Debounce(QUIET, Long.MAX_VALUE, 50), everything);
		record(table, "a", ChangeKind.CREATED, Long.MAX_VALUE - 10 * MS);
		assertThat(table.nanosUntilDue(Long.MAX_VALUE - 10 * MS)).isEqualTo(QUIET);
		assertThat(drain(table, Long.MAX_VALUE - 10 * MS + QUIET)).hasSize(1);
	}

	@Test
	void directoryDeletedAndCreatedAgainKeepsOneChangePerPath() {
		PendingTable table = table(10, 50);
		DirectoryNode before = this.root.child(Path.of("d"));
		this.root.removeChild(Path.of("d"));
		DirectoryNode after = this.root.child(Path.of("d"));
		table.record(before, Path.of("f"), ChangeKind.DELETED, false, 1, 0);
		table.record(after, Path.of("f"), ChangeKind.CREATED, false, 1, 1);
		assertThat(after).isNotSameAs(before);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::relativePath, FileChange::kind)
			.containsExactly(tuple(Path.of("d/f"), ChangeKind.MODIFIED));
	}

	@Test
	void hugeCapacityCostsMemoryOnlyWhenUsed() {
		PendingTable table = table(Integer.MAX_VALUE, 50);
		for (int i = 0; i < 5000; i++) {
			record(table, "f" + i, ChangeKind.CREATED, 0);
		}
		record(table, "f4999", ChangeKind.MODIFIED, 1);
		assertThat(table.size()).isEqualTo(5000);
		assertThat(drain(table, 0)).extracting(FileChange::relativePath).startsWith(Path.of("f0"), Path.of("f1"));
	}

	@Test
	void fullBatchLeavesAtOnceReadyOrNot() {
		PendingTable table = table(100, 3);
		for (int i = 0; i < 4; i++) {
			record(table, "f" + i, ChangeKind.CREATED, 0);
		}
		assertThat(table.nanosUntilDue(0)).isZero();
		assertThat(drain(table, 0)).extracting(FileChange::relativePath)
			.containsExactly(Path.of("f0"), Path.of("f1"), Path.of("f2"));
		assertThat(table.nanosUntilDue(0)).isEqualTo(QUIET);
	}

	@Test
	void burstOfTenThousandLeavesAsTwoHundredFullBatchesInOrder() {
		PendingTable table = table(10_000, 50);
		for (int i = 0; i < 10_000; i++) {
			record(table, "f" + i, ChangeKind.CREATED, 0);
		}
		List<List<FileChange>> batches = new ArrayList<>();
		for (List<FileChange> batch = drain(table, 0); !batch.isEmpty(); batch = drain(table, 0)) {
			batches.add(batch);
		}
		assertThat(batches).hasSize(200).allSatisfy((batch) -> assertThat(batch).hasSize(50));
		assertThat(batches.get(199).get(49).relativePath()).isEqualTo(Path.of("f9999"));
	}

	@Test
	void fullTableEvictsTheOldestQuarterAndFlagsTheNextBatch() {
		PendingTable table = table(8, 50);
		for (int i = 0; i < 9; i++) {
			record(table, "f" + i, ChangeKind.CREATED, i);
		}
		assertThat(table.dropped()).isEqualTo(2);
		assertThat(table.size()).isEqualTo(7);
		assertThat(table.peak()).isEqualTo(8);
		BatchDraft draft = new BatchDraft();
		table.drainTo(draft, 200 * MS, false);
		assertThat(draft.overflowed()).isTrue();
		assertThat(draft.changes()).extracting(FileChange::relativePath).startsWith(Path.of("f2"));
		draft.reset();
		record(table, "later", ChangeKind.CREATED, 300 * MS);
		table.drainTo(draft, 500 * MS, false);
		assertThat(draft.overflowed()).isFalse();
	}

	@Test
	void pathAlreadyPendingIsNotEvictedByItsOwnEvents() {
		PendingTable table = table(2, 50);
		record(table, "a", ChangeKind.CREATED, 0);
		record(table, "b", ChangeKind.CREATED, 0);
		record(table, "a", ChangeKind.MODIFIED, 1);
		assertThat(table.dropped()).isZero();
	}

	@Test
	void filterKeepsExcludedPathsOutOfTheTable() {
		PathFilter filter = PathFilter.of(FileSystems.getDefault(), List.of(), List.of("**/*.tmp"));
		PendingTable table = new PendingTable(10, new Debounce(QUIET, MAX_WAIT, 50), filter);
		record(table, "a.tmp", ChangeKind.CREATED, 0);
		table.record(this.sub, Path.of("b.tmp"), ChangeKind.CREATED, false, 1, 0);
		record(table, "a.txt", ChangeKind.CREATED, 0);
		assertThat(drain(table, 200 * MS)).extracting(FileChange::relativePath).containsExactly(Path.of("a.txt"));
	}

	@Test
	void flushTakesChangesThatAreNotReady() {
		PendingTable table = table(10, 2);
		record(table, "a", ChangeKind.CREATED, 0);
		BatchDraft draft = new BatchDraft();
		table.drainTo(draft, 0, true);
		assertThat(draft.changes()).hasSize(1);
		assertThat(draft.firstEventNanos()).isZero();
	}

	@Test
	void entriesAreReusedOnceDrained() {
		PendingTable table = table(4, 50);
		record(table, "a", ChangeKind.CREATED, 0);
		PendingEntry first = table.oldestEntry();
		drain(table, 200 * MS);
		record(table, "b", ChangeKind.CREATED, 300 * MS);
		assertThat(table.oldestEntry()).isSameAs(first);
	}

	private PendingTable table(int capacity, int maxBatchSize) {
		PathFilter everything = PathFilter.of(FileSystems.getDefault(), List.of(), List.of());
		return new PendingTable(capacity, new Debounce(QUIET, MAX_WAIT, maxBatchSize), everything);
	}

	private void record(PendingTable table, String name, ChangeKind kind, long now) {
		table.record(this.root, Path.of(name), kind, false, 1, now);
	}

	private List<FileChange> drain(PendingTable table, long now) {
		BatchDraft draft = new BatchDraft();
		table.drainTo(draft, now, false);
		return draft.changes();
	}

}
