package dev.watcher;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PendingTable}, driven by an explicit clock: every time is a
 * {@link System#nanoTime()} value chosen by the test.
 *
 * @author watcher team
 */
class PendingTableTests {

	private static final long QUIET = Duration.ofMillis(100).toNanos();

	private static final long MAX_WAIT = Duration.ofSeconds(1).toNanos();

	private static final long MS = Duration.ofMillis(1).toNanos();

	private final DirectoryNode root = DirectoryNode.root(Path.of("/data/root"));

	private final DirectoryNode sub = this.root.child(Path.of("sub"));

	private final ResyncRequests resyncs = new ResyncRequests(new Debounce(QUIET, MAX_WAIT, 50));

	@Test
	void eventsForOnePathAreOneEntry() {
		PendingTable table = table(10, 50);
		record(table, "a", 0);
		record(table, "a", 1);
		record(table, "a", 2);
		assertThat(table.size()).isOne();
		assertThat(drain(table, 200 * MS)).containsExactly("a x3");
	}

	@Test
	void pathCreatedAndDeletedStaysToBeLookedAt() {
		// Only a look at the disk and the known entries can tell whether the path existed
		// before.
		PendingTable table = table(10, 50);
		record(table, "a", 0);
		record(table, "a", 1);
		assertThat(drain(table, 200 * MS)).containsExactly("a x2");
	}

	@Test
	void sameNameInTwoDirectoriesIsTwoEntries() {
		PendingTable table = table(10, 50);
		table.record(this.root, Path.of("a"), false, 1, 0);
		table.record(this.sub, Path.of("a"), false, 1, 0);
		assertThat(drain(table, 200 * MS)).containsExactly("a x1", "sub/a x1");
	}

	@Test
	void batchKeepsTheOrderInWhichPathsFirstChanged() {
		PendingTable table = table(10, 50);
		record(table, "b", 0);
		record(table, "a", 1);
		record(table, "b", 2);
		record(table, "c", 3);
		assertThat(drain(table, 200 * MS)).containsExactly("b x2", "a x1", "c x1");
	}

	@Test
	void changeIsNotReadyBeforeItsPathIsQuiet() {
		PendingTable table = table(10, 50);
		record(table, "a", 0);
		record(table, "a", 60 * MS);
		assertThat(table.nanosUntilDue(100 * MS)).isEqualTo(60 * MS);
		assertThat(drain(table, 159 * MS)).isEmpty();
		assertThat(drain(table, 160 * MS)).hasSize(1);
	}

	@Test
	void busyPathDoesNotHoldBackQuietOnes() {
		PendingTable table = table(10, 50);
		record(table, "log", 0);
		record(table, "quiet", 10 * MS);
		for (long t = 20; t <= 120; t += 20) {
			record(table, "log", t * MS);
		}
		assertThat(drain(table, 120 * MS)).containsExactly("quiet x1");
		assertThat(table.size()).isOne();
	}

	@Test
	void pathThatNeverGoesQuietLeavesAfterMaxWait() {
		PendingTable table = table(10, 50);
		long t = 0;
		for (; t < MAX_WAIT; t += 50 * MS) {
			record(table, "log", t);
			assertThat(drain(table, t)).isEmpty();
		}
		assertThat(table.nanosUntilDue(t)).isZero();
		assertThat(drain(table, t)).containsExactly("log x20");
	}

	@Test
	void maxWaitOfCenturiesDoesNotOverflow() {
		PathFilter everything = PathFilter.of(FileSystems.getDefault(), List.of(), List.of());
		Debounce debounce = new Debounce(QUIET, Long.MAX_VALUE, 50);
		PendingTable table = new PendingTable(10, debounce, everything, new ResyncRequests(debounce));
		record(table, "a", Long.MAX_VALUE - 10 * MS);
		assertThat(table.nanosUntilDue(Long.MAX_VALUE - 10 * MS)).isEqualTo(QUIET);
		assertThat(drain(table, Long.MAX_VALUE - 10 * MS + QUIET)).hasSize(1);
	}

	@Test
	void directoryDeletedAndCreatedAgainKeepsOneEntryPerPath() {
		PendingTable table = table(10, 50);
		DirectoryNode before = this.root.child(Path.of("d"));
		this.root.removeChild(Path.of("d"));
		DirectoryNode after = this.root.child(Path.of("d"));
		table.record(before, Path.of("f"), false, 1, 0);
		table.record(after, Path.of("f"), false, 1, 1);
		assertThat(after).isNotSameAs(before);
		assertThat(drain(table, 200 * MS)).containsExactly("d/f x2");
	}

	@Test
	void hugeCapacityCostsMemoryOnlyWhenUsed() {
		PendingTable table = table(Integer.MAX_VALUE, 50);
		for (int i = 0; i < 5000; i++) {
			record(table, "f" + i, 0);
		}
		record(table, "f4999", 1);
		assertThat(table.size()).isEqualTo(5000);
		assertThat(drain(table, 0)).startsWith("f0 x1", "f1 x1");
	}

	@Test
	void fullBatchLeavesAtOnceReadyOrNot() {
		PendingTable table = table(100, 3);
		for (int i = 0; i < 4; i++) {
			record(table, "f" + i, 0);
		}
		assertThat(table.nanosUntilDue(0)).isZero();
		assertThat(drain(table, 0)).containsExactly("f0 x1", "f1 x1", "f2 x1");
		assertThat(table.nanosUntilDue(0)).isEqualTo(QUIET);
	}

	@Test
	void burstOfTenThousandLeavesAsTwoHundredFullBatchesInOrder() {
		PendingTable table = table(10_000, 50);
		for (int i = 0; i < 10_000; i++) {
			record(table, "f" + i, 0);
		}
		List<List<String>> batches = new ArrayList<>();
		for (List<String> batch = drain(table, 0); !batch.isEmpty(); batch = drain(table, 0)) {
			batches.add(batch);
		}
		assertThat(batches).hasSize(200).allSatisfy((batch) -> assertThat(batch).hasSize(50));
		assertThat(batches.get(199).get(49)).isEqualTo("f9999 x1");
	}

	@Test
	void fullTableEvictsTheOldestQuarterAndAsksForTheirDirectoriesToBeResynced() {
		PendingTable table = table(8, 50);
		table.record(this.sub, Path.of("first"), false, 1, 0);
		for (int i = 1; i < 9; i++) {
			record(table, "f" + i, i);
		}
		assertThat(table.dropped()).isEqualTo(2);
		assertThat(table.size()).isEqualTo(7);
		assertThat(table.peak()).isEqualTo(8);
		assertThat(drain(table, 200 * MS)).startsWith("f2 x1");
		DueWork work = new DueWork();
		this.resyncs.moveTo(work);
		assertThat(work.resyncsWholeTree()).isFalse();
		assertThat(work.resyncDirectories()).containsExactly(Path.of("sub"), Path.of(""));
	}

	@Test
	void pathAlreadyPendingIsNotEvictedByItsOwnEvents() {
		PendingTable table = table(2, 50);
		record(table, "a", 0);
		record(table, "b", 0);
		record(table, "a", 1);
		assertThat(table.dropped()).isZero();
	}

	@Test
	void filterKeepsExcludedPathsOutOfTheTable() {
		PathFilter filter = PathFilter.of(FileSystems.getDefault(), List.of(), List.of("**/*.tmp"));
		PendingTable table = new PendingTable(10, new Debounce(QUIET, MAX_WAIT, 50), filter, this.resyncs);
		record(table, "a.tmp", 0);
		table.record(this.sub, Path.of("b.tmp"), false, 1, 0);
		record(table, "a.txt", 0);
		assertThat(drain(table, 200 * MS)).containsExactly("a.txt x1");
	}

	@Test
	void flushTakesChangesThatAreNotReady() {
		PendingTable table = table(10, 2);
		record(table, "a", 0);
		DueWork work = new DueWork();
		table.drainTo(work, 0, true);
		assertThat(work.size()).isOne();
		assertThat(work.firstNanos(0)).isZero();
	}

	@Test
	void entriesAreReusedOnceDrained() {
		PendingTable table = table(4, 50);
		record(table, "a", 0);
		PendingEntry first = table.oldestEntry();
		drain(table, 200 * MS);
		record(table, "b", 300 * MS);
		assertThat(table.oldestEntry()).isSameAs(first);
	}

	private PendingTable table(int capacity, int maxBatchSize) {
		PathFilter everything = PathFilter.of(FileSystems.getDefault(), List.of(), List.of());
		return new PendingTable(capacity, new Debounce(QUIET, MAX_WAIT, maxBatchSize), everything, this.resyncs);
	}

	private void record(PendingTable table, String name, long now) {
		table.record(this.root, Path.of(name), false, 1, now);
	}

	/**
	 * Drain what is due, each path rendered as its path relative to the root and its
	 * count of raw events.
	 */
	private List<String> drain(PendingTable table, long now) {
		DueWork work = new DueWork();
		table.drainTo(work, now, false);
		List<String> paths = new ArrayList<>();
		for (int i = 0; i < work.size(); i++) {
			paths.add(work.parent(i).resolveRelative(work.name(i)) + " x" + work.count(i));
		}
		return paths;
	}

}
