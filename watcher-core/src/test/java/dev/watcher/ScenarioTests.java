package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.watcher.BatchRecorder.created;
import static dev.watcher.BatchRecorder.deleted;
import static dev.watcher.BatchRecorder.modified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The scenarios of {@code scenarios.md}, each a fault reported against another file
 * watcher, step by step with the batches a correct watcher delivers, then the general
 * oracles: replay equals disk (O1), no ghosts (O2), no duplicates (O3) and a canary that
 * still arrives (O5). Each step waits for its batches and then for the watcher to be
 * idle, so that the next step lands in batches of its own.
 *
 * @author watcher team
 */
class ScenarioTests {

	private static final Duration DEBOUNCE = Duration.ofMillis(100);

	private static final Duration MAX_WAIT = Duration.ofSeconds(1);

	private static final Duration QUIET = Duration.ofMillis(600);

	private static final Duration SLOW_DEBOUNCE = Duration.ofMillis(400);

	private static final Duration NO_MAX_WAIT = Duration.ofMinutes(10);

	private static final long MIB = 1024 * 1024;

	@TempDir
	Path root;

	@TempDir
	Path outside;

	private final List<WatchSession> sessions = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void closeSessions() {
		this.release.countDown();
		this.sessions.forEach(WatchSession::close);
	}

	@Test
	void r01SubdirectoryFilledBeforeItsWatchExistsIsReportedAndThenWatched() throws IOException {
		WatchSession session = start(builder(this.root));
		sh(this.root, "mkdir -p a/b/c && echo x > a/b/c/d.txt");
		session.awaitStep(created("a/"), created("a/b/"), created("a/b/c/"), created("a/b/c/d.txt"));
		sh(this.root, "echo y > a/b/c/e.txt");
		session.awaitStep(created("a/b/c/e.txt"));
		session.assertOracles();
	}

	@Test
	void r01CopiedTreeIsReportedInFullAndOnce() throws IOException {
		Path source = Files.createDirectories(this.outside.resolve("src/sub"));
		List<String> expected = new ArrayList<>(List.of(created("s/"), created("s/sub/")));
		for (int i = 1; i <= 10; i++) {
			String name = String.format("f%02d", i);
			Path directory = (i <= 5) ? source.getParent() : source;
			Files.writeString(directory.resolve(name), "content " + i + "\n");
			expected.add(created(((i <= 5) ? "s/" : "s/sub/") + name));
		}
		WatchSession session = start(builder(this.root));
		copyTree(source.getParent(), this.root.resolve("s"));
		session.awaitStep(expected.toArray(String[]::new));
		session.assertOracles();
	}

	@Test
	void r01ManyNestedTreesCreatedInALoopAreReportedInFull() throws IOException {
		WatchSession session = start(builder(this.root));
		sh(this.root, "for i in $(seq 50); do mkdir -p n$i/x/y && : > n$i/x/y/z; done");
		String[] expected = IntStream.rangeClosed(1, 50)
			.boxed()
			.flatMap((i) -> Stream.of("n" + i + "/", "n" + i + "/x/", "n" + i + "/x/y/", "n" + i + "/x/y/z"))
			.map(BatchRecorder::created)
			.toArray(String[]::new);
		assertThat(expected).hasSize(200);
		session.awaitStep(expected);
		session.assertOracles();
	}

	@Test
	void r03BurstBehindASlowListenerIsReportedOnceAsCreated() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		WatchSession session = start(builder(this.root).listener(slowOnFirstBatch(entered)));
		List<String> names = names("f%04d", 2000);
		List<String> expected = new ArrayList<>(List.of(created("trigger")));
		names.forEach((name) -> expected.add(created(name)));
		Files.writeString(this.root.resolve("trigger"), "go\n");
		assertThat(entered.await(WatchSession.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		run(this.root, command("touch", names));
		assertSlowListenerBurst(session, expected, FileWatcher.Builder.DEFAULT_MAX_PENDING);
		session.assertOracles();
	}

	@Test
	void r03MixedBurstOfDeletionsAndCreationsBehindASlowListenerIsReportedInFull() throws Exception {
		List<String> kept = names("keep%03d", 100);
		for (String name : kept) {
			Files.createFile(this.root.resolve(name));
		}
		CountDownLatch entered = new CountDownLatch(1);
		WatchSession session = start(builder(this.root).listener(slowOnFirstBatch(entered)));
		List<String> removed = kept.subList(0, 50);
		List<String> added = names("new%04d", 2000);
		List<String> expected = new ArrayList<>(List.of(created("trigger")));
		removed.forEach((name) -> expected.add(deleted(name)));
		added.forEach((name) -> expected.add(created(name)));
		Files.writeString(this.root.resolve("trigger"), "go\n");
		assertThat(entered.await(WatchSession.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		sh(this.root, String.join(" ", command("rm", removed)) + " && " + String.join(" ", command("touch", added)));
		assertSlowListenerBurst(session, expected, FileWatcher.Builder.DEFAULT_MAX_PENDING);
		session.assertOracles();
	}

	@Test
	void r03BurstLargerThanThePendingTableIsRecoveredInFull() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		WatchSession session = start(builder(this.root).maxPending(1000).listener(slowOnFirstBatch(entered)));
		List<String> names = names("f%04d", 5000);
		List<String> expected = new ArrayList<>(List.of(created("trigger")));
		names.forEach((name) -> expected.add(created(name)));
		Files.writeString(this.root.resolve("trigger"), "go\n");
		assertThat(entered.await(WatchSession.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		run(this.root, command("touch", names));
		assertSlowListenerBurst(session, expected, 1000);
		WatcherStats stats = session.watcher().stats();
		assertThat(stats.dropped() + stats.overflows()).as("evictions plus kernel overflows").isPositive();
		session.assertOracles();
	}

	/**
	 * The first batch is the trigger alone; the later ones hold every change of the burst
	 * exactly once, with no {@code MODIFIED} for a new file; an overflow or eviction is
	 * followed by a resync, and the pending table never held more than its bound.
	 */
	private void assertSlowListenerBurst(WatchSession session, List<String> expected, int maxPending) {
		List<ChangeBatch> batches = session.awaitStep(expected.toArray(String[]::new));
		assertThat(WatchSession.describe(batches.subList(0, 1))).containsExactly(created("trigger"));
		WatcherStats stats = session.watcher().stats();
		assertThat(stats.pendingPeak()).isLessThanOrEqualTo(maxPending);
		if (stats.dropped() > 0 || stats.overflows() > 0 || batches.stream().anyMatch(ChangeBatch::overflowed)) {
			assertThat(stats.overflows() + stats.resyncs()).as("overflows plus resyncs").isPositive();
		}
	}

	@Test
	void r05RenamedDirectoryReportsLaterFilesUnderItsNewName() throws IOException {
		WatchSession session = start(builder(this.root));
		Files.createDirectory(this.root.resolve("d1"));
		session.awaitStep(created("d1/"));
		Files.move(this.root.resolve("d1"), this.root.resolve("d2"), StandardCopyOption.ATOMIC_MOVE);
		session.awaitStep(deleted("d1/"), created("d2/"));
		Files.writeString(this.root.resolve("d2/f.txt"), "x\n");
		session.awaitStep(created("d2/f.txt"));
		session.assertOracles();
	}

	@Test
	void r05RenamedNestedTreeIsReportedAsItsOldSubtreeDeletedAndItsNewSubtreeCreated() throws IOException {
		Files.createDirectories(this.root.resolve("p/q"));
		WatchSession session = start(builder(this.root));
		sh(this.root, "mv p p2 && touch p2/q/z");
		session.awaitStep(deleted("p/"), deleted("p/q/"), created("p2/"), created("p2/q/"), created("p2/q/z"));
		session.assertOracles();
	}

	@Test
	void r05DirectoryRenamedRightAfterItsCreationIsReportedOnlyUnderItsNewName() throws IOException {
		WatchSession session = start(builder(this.root));
		sh(this.root, "mkdir n1 && mv n1 n2 && touch n2/k");
		session.awaitStep(created("n2/"), created("n2/k"));
		session.assertOracles();
	}

	@Test
	void r06EditorSavesOfAnExistingFileAreOneModifiedWithTheNewContent() throws IOException {
		Files.writeString(this.root.resolve("f.txt"), "v1\n");
		DeliveryLog deliveries = new DeliveryLog();
		WatchSession session = start(builder(this.root).listener(deliveries));
		sh(this.root, "echo > 4913 && rm 4913 && mv f.txt f.txt~ && echo v2 > f.txt && rm f.txt~");
		session.awaitStep(modified("f.txt"));
		assertThat(deliveries.last(modified("f.txt")).content()).isEqualTo("v2\n");
		sh(this.root, "echo v3 > .f.txt.tmp && mv .f.txt.tmp f.txt");
		session.awaitStep(modified("f.txt"));
		assertThat(deliveries.last(modified("f.txt")).content()).isEqualTo("v3\n");
		sh(this.root, "echo v4 > .goutputstream-AB12CD && mv .goutputstream-AB12CD f.txt");
		session.awaitStep(modified("f.txt"));
		assertThat(deliveries.last(modified("f.txt")).content()).isEqualTo("v4\n");
		session.assertOracles();
	}

	@Test
	void r06SlowEditorSaveEndsWithTheFileKnownAndItsNewContentDelivered() throws IOException {
		Files.writeString(this.root.resolve("f.txt"), "v1\n");
		DeliveryLog deliveries = new DeliveryLog();
		WatchSession session = start(builder(this.root).listener(deliveries));
		String pause = seconds(DEBOUNCE.multipliedBy(2));
		sh(this.root,
				"echo > 4913 && rm 4913 && mv f.txt f.txt~ && sleep " + pause + " && echo v2 > f.txt && rm f.txt~");
		await().atMost(WatchSession.TIMEOUT).until(() -> !session.describedSinceMark().isEmpty());
		List<String> changes = WatchSession.describe(session.awaitQuietStep());
		List<String> split = Stream.of(deleted("f.txt"), created("f.txt~"), created("f.txt"), deleted("f.txt~"))
			.sorted()
			.toList();
		assertThat(changes.stream().sorted().toList()).isIn(split, List.of(modified("f.txt")));
		assertThat(session.view().describedEntries()).containsExactly("f.txt");
		assertThat(deliveries.lastOf("f.txt").content()).isEqualTo("v2\n");
		session.assertOracles();
	}

	@Test
	void r07PartialWritesAreReportedAfterTheLastWrite() throws IOException {
		Files.writeString(this.root.resolve("conf.txt"), "old\n");
		DeliveryLog deliveries = new DeliveryLog();
		WatchSession session = start(slowBuilder(NO_MAX_WAIT).listener(deliveries));
		sh(this.root, "( for i in $(seq 10); do head -c 1048576 /dev/urandom; sleep 0.1; done ) > big.bin");
		session.awaitStep(created("big.bin"));
		assertThat(deliveries.last(created("big.bin")).size()).isEqualTo(10 * MIB);
		sh(this.root, "head -c 1048576 /dev/urandom > big2.bin; sleep " + seconds(SLOW_DEBOUNCE.multipliedBy(3))
				+ "; head -c 1048576 /dev/urandom >> big2.bin");
		List<ChangeBatch> stall = session.awaitStep(created("big2.bin"), modified("big2.bin"));
		assertThat(stall).hasSize(2);
		assertThat(WatchSession.describe(stall)).containsExactly(created("big2.bin"), modified("big2.bin"));
		assertThat(deliveries.last(modified("big2.bin")).size()).isEqualTo(2 * MIB);
		sh(this.root, ": > conf.txt; sleep 0.05; printf new > conf.txt");
		session.awaitStep(modified("conf.txt"));
		assertThat(deliveries.last(modified("conf.txt")).content()).isEqualTo("new");
		session.assertOracles();
	}

	@Test
	void r07FileAppendedToWithoutPauseIsStillReportedAtLeastEveryMaxWait() throws IOException {
		DeliveryLog deliveries = new DeliveryLog();
		WatchSession session = start(slowBuilder(MAX_WAIT).listener(deliveries));
		long started = System.nanoTime();
		appendEveryHalfDebounce("log.txt");
		long ended = System.nanoTime();
		await().atMost(WatchSession.TIMEOUT).until(() -> !session.describedSinceMark().isEmpty());
		List<String> changes = WatchSession.describe(session.awaitQuietStep());
		assertThat(changes.get(0)).isEqualTo(created("log.txt"));
		assertThat(changes.subList(1, changes.size())).containsOnly(modified("log.txt"));
		List<Long> during = deliveries.all().stream().map(Delivery::nanos).filter((nanos) -> nanos < ended).toList();
		long writing = TimeUnit.NANOSECONDS.toMillis(ended - started);
		assertThat(during).as("batches while %d ms of appends went on", writing)
			.hasSizeGreaterThanOrEqualTo((int) (writing / MAX_WAIT.toMillis() / 2));
		assertThat(largestGap(started, during)).as("longest time without a batch while appending")
			.isLessThanOrEqualTo(MAX_WAIT.plusSeconds(1).toNanos());
		assertThat(deliveries.lastOf("log.txt").size()).isEqualTo(Files.size(this.root.resolve("log.txt")));
		session.assertOracles();
	}

	@Test
	void r07FileAppendedToWithoutPauseAndNoMaxWaitIsReportedOnceTheAppendsStop() throws IOException {
		DeliveryLog deliveries = new DeliveryLog();
		WatchSession session = start(slowBuilder(NO_MAX_WAIT).listener(deliveries));
		appendEveryHalfDebounce("log.txt");
		long ended = System.nanoTime();
		session.awaitStep(created("log.txt"));
		assertThat(deliveries.lastOf("log.txt").nanos()).isGreaterThan(ended);
		assertThat(deliveries.lastOf("log.txt").size()).isEqualTo(Files.size(this.root.resolve("log.txt")));
		session.assertOracles();
	}

	private void appendEveryHalfDebounce(String file) {
		int appends = 40;
		sh(this.root, "for i in $(seq " + appends + "); do echo line $i >> " + file + "; sleep "
				+ seconds(SLOW_DEBOUNCE.dividedBy(2)) + "; done");
	}

	private static long largestGap(long started, List<Long> times) {
		long largest = 0;
		long previous = started;
		for (long time : times) {
			largest = Math.max(largest, time - previous);
			previous = time;
		}
		return largest;
	}

	@Test
	void r11DeletedRootIsReportedAndWatchedAgainOnceItIsBack() throws IOException {
		Path parent = Files.createDirectories(this.outside.resolve("P"));
		Path watched = rootWithContent(parent);
		WatchSession session = start(builder(watched).rootRetry(Duration.ofMillis(200)));
		deleteRecursively(watched);
		assertRootLostQuietly(session);
		sh(parent, "mkdir R && echo n > R/new.txt");
		session.awaitStep(created("new.txt"));
		await().atMost(WatchSession.TIMEOUT).until(() -> session.watcher().state() == WatcherState.RUNNING);
		assertThat(session.watcher().stats().watchedDirectories()).isOne();
		session.assertOracles();
	}

	@Test
	void r11DeletedParentOfTheRootIsReportedAsTheRootLost() throws IOException {
		Path parent = Files.createDirectories(this.outside.resolve("P"));
		Path watched = rootWithContent(parent);
		WatchSession session = start(builder(watched).rootRetry(Duration.ofMillis(200)));
		sh(this.outside, "rm -rf P");
		assertRootLostQuietly(session);
		assertWatchedAgainOnceRecreated(session, watched);
	}

	@Test
	void r11MovedRootIsReportedAsTheRootLostWithoutCreditingItsNewContent() throws IOException {
		Path parent = Files.createDirectories(this.outside.resolve("P"));
		Path watched = rootWithContent(parent);
		WatchSession session = start(builder(watched).rootRetry(Duration.ofMillis(200)));
		sh(parent, "mv R R.moved && echo x > R.moved/ghost.txt");
		session.awaitStep(deleted("f.txt"), deleted("s/"), deleted("s/g.txt"));
		await().atMost(WatchSession.TIMEOUT).until(() -> session.watcher().state() == WatcherState.WAITING_FOR_ROOT);
		assertThat(session.watcher().stats().watchedDirectories()).isZero();
		Files.writeString(parent.resolve("R.moved/ghost.txt"), "y\n");
		assertThat(session.awaitQuietStep()).isEmpty();
		assertWatchedAgainOnceRecreated(session, watched);
		assertThat(session.recorder().describedChanges()).noneMatch((change) -> change.contains("ghost"));
	}

	private static Path rootWithContent(Path parent) throws IOException {
		Path watched = Files.createDirectories(parent.resolve("R/s"));
		Files.writeString(watched.resolve("g.txt"), "g\n");
		Files.writeString(watched.getParent().resolve("f.txt"), "f\n");
		return watched.getParent();
	}

	/**
	 * Every known entry arrives as {@code DELETED}, the watcher waits for its root with
	 * no directory watched, and while it waits it neither spins nor floods the log.
	 */
	private void assertRootLostQuietly(WatchSession session) {
		session.awaitStep(deleted("f.txt"), deleted("s/"), deleted("s/g.txt"));
		FileWatcher watcher = session.watcher();
		await().atMost(WatchSession.TIMEOUT).until(() -> watcher.state() == WatcherState.WAITING_FOR_ROOT);
		assertThat(watcher.stats().watchedDirectories()).isZero();
		try (LogCounter log = new LogCounter()) {
			long cpuBefore = cpuNanos(watcher.name());
			long before = System.nanoTime();
			await().atMost(WatchSession.TIMEOUT)
				.during(Duration.ofSeconds(1))
				.until(() -> watcher.state() == WatcherState.WAITING_FOR_ROOT);
			long elapsed = System.nanoTime() - before;
			assertThat(cpuNanos(watcher.name()) - cpuBefore).as("CPU time of the watcher's threads while waiting")
				.isLessThan(elapsed / 4);
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(elapsed));
			assertThat((long) log.count()).as("log lines while waiting for the root").isLessThanOrEqualTo(3 * seconds);
		}
		assertThat(watcher.stats().watchedDirectories()).isZero();
	}

	private void assertWatchedAgainOnceRecreated(WatchSession session, Path watched) throws IOException {
		Files.createDirectories(watched);
		await().atMost(WatchSession.TIMEOUT).until(() -> session.watcher().state() == WatcherState.RUNNING);
		assertThat(session.watcher().stats().watchedDirectories()).isOne();
		session.assertOracles();
	}

	private static long cpuNanos(String watcherName) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("watcher-" + watcherName + "-"))
			.mapToLong((thread) -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
			.sum();
	}

	@Test
	void r12SymbolicLinkLoopsAreReportedAsEntriesAndNeverFollowed() throws IOException {
		Path target = Files.createDirectories(this.outside.resolve("target"));
		Files.writeString(target.resolve("t.txt"), "t\n");
		WatchSession session = start(builder(this.root));
		sh(this.root, "mkdir folder && ln -s ../folder folder/link && ln -s . self && echo x > folder/f.txt");
		session.awaitStep(created("folder/"), created("folder/link"), created("self"), created("folder/f.txt"));
		assertThat(session.watcher().stats().watchedDirectories()).isEqualTo(2);
		sh(this.root, "ln -s '" + target + "' etc-link");
		session.awaitStep(created("etc-link"));
		Files.writeString(target.resolve("t.txt"), "changed\n");
		Files.writeString(target.resolve("u.txt"), "u\n");
		session.assertOracles();
		assertThat(session.recorder().describedChanges()).noneMatch((change) -> change.contains("link/"))
			.noneMatch((change) -> change.contains("self/"));
		assertThat(session.watcher().stats().watchedDirectories()).isEqualTo(2);
	}

	@Test
	void r12SymbolicLinkLoopPresentBeforeStartDoesNotHoldUpTheStart() throws IOException {
		sh(this.root, "mkdir folder && ln -s ../folder folder/link && ln -s . self && echo x > folder/f.txt");
		WatchSession session = assertTimeout(Duration.ofSeconds(10), () -> start(builder(this.root)));
		assertThat(session.watcher().stats().watchedDirectories()).isEqualTo(2);
		session.assertOracles();
	}

	@Test
	void r13UnreadableSubdirectoriesAreSkippedListedAndTheRestIsWatched() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root reads every directory");
		sh(this.root, "mkdir ok secret && echo s > secret/s.txt && chmod 000 secret");
		try {
			WatchSession session = start(builder(this.root));
			Path secret = session.root().resolve("secret");
			Files.writeString(this.root.resolve("ok/a.txt"), "a\n");
			session.awaitStep(created("ok/a.txt"));
			assertThat(session.watcher().state()).isEqualTo(WatcherState.RUNNING);
			assertThat(session.watcher().stats().skippedDirectories()).isOne();
			assertThat(session.watcher().stats().skippedPaths()).containsExactly(secret);
			sh(this.root, "mkdir locked && chmod 000 locked");
			session.awaitStep(created("locked/"));
			WatcherStats stats = session.watcher().stats();
			Path locked = secret.resolveSibling("locked");
			assertThat(stats).satisfiesAnyOf(
					(skipped) -> assertThat(skipped.skippedPaths()).containsExactly(secret, locked),
					(watched) -> assertThat(watched.watchedDirectories()).isEqualTo(3));
			assertThat(stats.skippedDirectories()).isEqualTo(stats.skippedPaths().size());
			session.assertOracles();
		}
		finally {
			sh(this.root, "chmod -R u+rwx .");
		}
	}

	@Test
	void r13SubdirectoryThatBecomesReadableIsWatchedAndItsContentReported() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root reads every directory");
		sh(this.root, "mkdir ok secret && echo s > secret/s.txt && chmod 000 secret");
		try {
			WatchSession session = start(builder(this.root));
			assertThat(session.watcher().stats().skippedDirectories()).isOne();
			sh(this.root, "chmod 755 secret");
			await().atMost(WatchSession.TIMEOUT)
				.untilAsserted(() -> assertThat(session.describedSinceMark()).contains(created("secret/s.txt")));
			assertThat(WatchSession.describe(session.awaitQuietStep())).contains(created("secret/s.txt"))
				.isSubsetOf(created("secret/s.txt"), modified("secret/"));
			session.assertOracles();
		}
		finally {
			sh(this.root, "chmod -R u+rwx .");
		}
	}

	@Test
	void fileNameThatIsNotUtf8IsReportedOnceAndTheWatcherGoesOn() throws IOException {
		WatchSession session = start(builder(this.root));
		sh(this.root, "touch \"$(printf 'bad\\377name')\"");
		Path bad = onlyEntry(this.root);
		assertThat(bad.getFileName().toString()).as("name decoded with a replacement character").contains("\ufffd");
		List<ChangeBatch> batches = session.awaitStep(created(this.root.relativize(bad).toString()));
		assertThat(batches).flatMap(ChangeBatch::changes).singleElement().satisfies((change) -> {
			assertThat(change.path()).isEqualTo(session.root().resolve(bad.getFileName()));
			assertThat(Files.exists(change.path(), LinkOption.NOFOLLOW_LINKS)).isTrue();
		});
		assertThat(session.watcher().stats().listenerErrors()).isZero();
		assertThat(session.watcher().state()).isEqualTo(WatcherState.RUNNING);
		session.assertOracles();
	}

	private static Path onlyEntry(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			List<Path> all = entries.toList();
			assertThat(all).hasSize(1);
			return all.get(0);
		}
	}

	private FileWatcher.Builder builder(Path watched) {
		return FileWatcher.builder(watched).debounce(DEBOUNCE).maxWait(MAX_WAIT);
	}

	private FileWatcher.Builder slowBuilder(Duration maxWait) {
		return FileWatcher.builder(this.root).debounce(SLOW_DEBOUNCE).maxWait(maxWait);
	}

	private WatchSession start(FileWatcher.Builder builder) {
		WatchSession session = WatchSession.start(builder, QUIET);
		this.sessions.add(session);
		return session;
	}

	/**
	 * A deliberately slow consumer: it blocks about 2 s on the first batch, after saying
	 * that it got there.
	 */
	private Consumer<ChangeBatch> slowOnFirstBatch(CountDownLatch entered) {
		return (batch) -> {
			if (batch.sequence() == 1) {
				entered.countDown();
				try {
					this.release.await(2, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
	}

	private static List<String> names(String format, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> String.format(format, i)).toList();
	}

	private static List<String> command(String program, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(program);
		command.addAll(arguments);
		return command;
	}

	private static String seconds(Duration duration) {
		return String.format("%d.%03d", duration.toSeconds(), duration.toMillisPart());
	}

	static void sh(Path directory, String script) {
		run(directory, List.of("sh", "-c", script));
	}

	static void run(Path directory, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(WatchSession.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(process.exitValue()).as("exit code of %s, which said: %s", shorten(command), output).isZero();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + shorten(command), ex);
		}
	}

	private static String shorten(List<String> command) {
		String text = String.join(" ", command);
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	/**
	 * Copy a tree as {@code cp -a} does: each directory, then its content, every entry
	 * with its attributes, and the directories' times set again once their content is in.
	 */
	private static void copyTree(Path source, Path target) throws IOException {
		Files.walkFileTree(source, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
					throws IOException {
				Files.copy(directory, target.resolve(source.relativize(directory)), StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, IOException ex) throws IOException {
				Files.setLastModifiedTime(target.resolve(source.relativize(directory)),
						Files.getLastModifiedTime(directory));
				return FileVisitResult.CONTINUE;
			}

		});
	}

	static void deleteRecursively(Path tree) throws IOException {
		try (Stream<Path> paths = Files.walk(tree)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * What a listener saw of each file when its change was delivered: size and, for a
	 * small file, content.
	 */
	private static final class DeliveryLog implements Consumer<ChangeBatch> {

		private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

		@Override
		public void accept(ChangeBatch batch) {
			long now = System.nanoTime();
			batch.changes()
				.stream()
				.filter((change) -> change.kind() != ChangeKind.DELETED && !change.directory())
				.forEach((change) -> this.deliveries.add(Delivery.of(change, now)));
		}

		List<Delivery> all() {
			return List.copyOf(this.deliveries);
		}

		Delivery last(String change) {
			return this.deliveries.stream()
				.filter((delivery) -> delivery.change().equals(change))
				.reduce((first, second) -> second)
				.orElseThrow(() -> new AssertionError("No delivery of " + change + " in " + this.deliveries));
		}

		Delivery lastOf(String relativePath) {
			return this.deliveries.stream()
				.filter((delivery) -> delivery.change().endsWith(" " + relativePath))
				.reduce((first, second) -> second)
				.orElseThrow(() -> new AssertionError("No delivery of " + relativePath + " in " + this.deliveries));
		}

	}

	/**
	 * One file as a listener found it on delivery.
	 *
	 * @param change the change, described
	 * @param nanos when it was delivered, as {@link System#nanoTime()}
	 * @param size the file's size then, or -1 if it could not be read
	 * @param content the file's content then, if it was small
	 */
	private record Delivery(String change, long nanos, long size, String content) {

		static Delivery of(FileChange change, long nanos) {
			try {
				long size = Files.size(change.path());
				String content = (size <= 64) ? Files.readString(change.path()) : "";
				return new Delivery(BatchRecorder.describe(change), nanos, size, content);
			}
			catch (IOException ex) {
				return new Delivery(BatchRecorder.describe(change), nanos, -1, "");
			}
		}

	}

	/**
	 * Counts the log records of the watcher's loggers at INFO and above while it is open.
	 */
	private static final class LogCounter extends Handler implements AutoCloseable {

		private final Logger logger = Logger.getLogger("dev.watcher");

		private final AtomicInteger count = new AtomicInteger();

		LogCounter() {
			setLevel(Level.INFO);
			this.logger.addHandler(this);
		}

		@Override
		public void publish(LogRecord record) {
			if (isLoggable(record)) {
				this.count.incrementAndGet();
			}
		}

		int count() {
			return this.count.get();
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
			this.logger.removeHandler(this);
		}

	}

}
