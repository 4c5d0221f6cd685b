package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.watcher.BatchRecorder.TIMEOUT;
import static dev.watcher.BatchRecorder.created;
import static dev.watcher.BatchRecorder.deleted;
import static dev.watcher.BatchRecorder.modified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FileWatcher} against real directories.
 *
 * @author watcher team
 */
class FileWatcherTests {

	@TempDir
	Path root;

	@TempDir
	Path outside;

	private final BatchRecorder recorder = new BatchRecorder();

	private final List<FileWatcher> watchers = new ArrayList<>();

	/**
	 * Threads of the test's own: the common pool may have a single thread, which a busy
	 * writer would hold.
	 */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void closeWatchers() {
		this.watchers.forEach(FileWatcher::close);
		this.threads.shutdownNow();
	}

	@Test
	void reportsCreationModificationAndDeletion() throws IOException {
		start(builder());
		Path file = this.root.resolve("a.txt");
		Files.writeString(file, "one");
		this.recorder.awaitChanges(created("a.txt"));
		Files.writeString(file, "two");
		this.recorder.awaitChanges(modified("a.txt"));
		Files.delete(file);
		this.recorder.awaitChanges(deleted("a.txt"));
		assertThat(this.recorder.describedChanges()).containsExactly(created("a.txt"), modified("a.txt"),
				deleted("a.txt"));
	}

	@Test
	void newFileWrittenSeveralTimesIsOneCreated() throws IOException {
		start(builder().debounce(Duration.ofMillis(500)));
		Path file = this.root.resolve("a.txt");
		Files.writeString(file, "one");
		Files.writeString(file, "two");
		this.recorder.awaitChanges(created("a.txt"));
		assertThat(this.recorder.changes()).singleElement().satisfies((change) -> {
			assertThat(change.path()).isEqualTo(file.toAbsolutePath().normalize());
			assertThat(change.count()).isGreaterThan(1);
		});
	}

	@Test
	void subdirectoryFilledBeforeItsWatchExistsIsReportedOnce() throws IOException {
		start(builder());
		Files.createDirectories(this.root.resolve("a/b/c"));
		Files.writeString(this.root.resolve("a/b/c/d.txt"), "x");
		this.recorder.awaitChanges(created("a/"), created("a/b/"), created("a/b/c/"), created("a/b/c/d.txt"));
		Files.writeString(this.root.resolve("a/b/c/e.txt"), "y");
		this.recorder.awaitChanges(created("a/b/c/e.txt"));
		assertThat(this.recorder.describedChanges()).doesNotHaveDuplicates().hasSize(5);
		assertThat(start(builder().name("second")).stats().watchedDirectories()).isEqualTo(4);
	}

	@Test
	void copiedTreeIsReportedInFull() throws IOException {
		Path source = Files.createDirectories(this.outside.resolve("src/sub"));
		for (int i = 0; i < 10; i++) {
			Files.writeString(((i % 2 == 0) ? source : source.getParent()).resolve("f" + i), "x");
		}
		start(builder());
		Files.move(source.getParent(), this.root.resolve("s"));
		this.recorder.awaitChangeCount(12);
		assertThat(this.recorder.describedChanges()).doesNotHaveDuplicates()
			.contains(created("s/"), created("s/sub/"), created("s/sub/f0"), created("s/f1"))
			.hasSize(12);
	}

	@Test
	void renamedDirectoryReportsLaterFilesUnderItsNewName() throws IOException {
		start(builder());
		Files.createDirectory(this.root.resolve("d1"));
		this.recorder.awaitChanges(created("d1/"));
		Files.move(this.root.resolve("d1"), this.root.resolve("d2"));
		this.recorder.awaitChanges(deleted("d1/"), created("d2/"));
		Files.writeString(this.root.resolve("d2/f.txt"), "x");
		this.recorder.awaitChanges(created("d2/f.txt"));
		assertThat(this.recorder.describedChanges()).noneMatch((change) -> change.contains("d1/f.txt"));
	}

	@Test
	void deletedDirectoryIsReportedAsADirectory() throws IOException {
		Files.createDirectories(this.root.resolve("d"));
		Files.writeString(this.root.resolve("d/f.txt"), "x");
		start(builder());
		Files.delete(this.root.resolve("d/f.txt"));
		Files.delete(this.root.resolve("d"));
		this.recorder.awaitChanges(deleted("d/f.txt"), deleted("d/"));
	}

	@Test
	void deletedTreeReportsEveryEntry() throws IOException {
		start(builder());
		for (int round = 0; round < 10; round++) {
			List<String> expected = new ArrayList<>();
			Path tree = this.root.resolve("t" + round);
			for (String directory : List.of("", "/a", "/a/b")) {
				Files.createDirectories(Path.of(tree + directory));
				expected.add(deleted("t" + round + directory + "/"));
				for (int i = 0; i < 3; i++) {
					Files.writeString(Path.of(tree + directory + "/f" + i), "x");
					expected.add(deleted("t" + round + directory + "/f" + i));
				}
			}
			this.recorder.awaitChanges(created("t" + round + "/a/b/f2"));
			deleteRecursively(tree);
			this.recorder.awaitChanges(expected.toArray(String[]::new));
		}
	}

	@Test
	void deepTreeDeletedAtOnceIsReportedInFull() throws IOException {
		Path deepest = this.root;
		List<String> expected = new ArrayList<>();
		for (int depth = 0; depth < 200; depth++) {
			deepest = deepest.resolve("d");
			expected.add(deleted(this.root.relativize(deepest) + "/"));
		}
		Files.createDirectories(deepest);
		Files.writeString(deepest.resolve("leaf.txt"), "x");
		expected.add(deleted(this.root.relativize(deepest.resolve("leaf.txt")).toString()));
		FileWatcher watcher = start(builder());
		deleteRecursively(this.root.resolve("d"));
		this.recorder.awaitChanges(expected.toArray(String[]::new));
		assertThat(this.recorder.describedChanges()).hasSameSizeAs(expected);
		assertThat(watcher.stats().watchedDirectories()).isOne();
		assertThat(watcher.state()).isEqualTo(WatcherState.RUNNING);
	}

	@Test
	void deletedRootIsReportedAndWatchedAgainOnceItIsBack() throws IOException {
		Path root = Files.createDirectories(this.outside.resolve("root"));
		Files.createDirectories(root.resolve("s"));
		Files.writeString(root.resolve("s/g.txt"), "x");
		FileWatcher watcher = start(FileWatcher.builder(root)
			.debounce(Duration.ofMillis(20))
			.rootRetry(Duration.ofMillis(50))
			.listener(this.recorder));
		deleteRecursively(root);
		this.recorder.awaitChanges(deleted("s/g.txt"), deleted("s/"));
		await().atMost(TIMEOUT).until(() -> watcher.state() == WatcherState.WAITING_FOR_ROOT);
		assertThat(watcher.stats().watchedDirectories()).isZero();
		Files.createDirectories(root.resolve("back"));
		this.recorder.awaitChanges(deleted("s/g.txt"), deleted("s/"), created("back/"));
		await().atMost(TIMEOUT).until(() -> watcher.state() == WatcherState.RUNNING);
		Files.writeString(root.resolve("back/new.txt"), "x");
		this.recorder.awaitChanges(deleted("s/g.txt"), deleted("s/"), created("back/"), created("back/new.txt"));
		assertThat(watcher.stats().watchedDirectories()).isEqualTo(2);
	}

	@Test
	void nonRecursiveWatcherReportsOnlyTheTopLevel() throws IOException {
		Files.createDirectories(this.root.resolve("old"));
		FileWatcher watcher = start(builder().recursive(false));
		Files.createDirectories(this.root.resolve("sub"));
		Files.writeString(this.root.resolve("sub/inner.txt"), "x");
		Files.delete(this.root.resolve("old"));
		Files.writeString(this.root.resolve("canary.txt"), "x");
		this.recorder.awaitChanges(created("canary.txt"), created("sub/"), deleted("old/"));
		assertThat(this.recorder.describedChanges()).noneMatch((change) -> change.contains("inner"));
		assertThat(watcher.stats().watchedDirectories()).isOne();
	}

	@Test
	void includeAndExcludeGlobsSelectPaths() throws IOException {
		start(builder().include("**/*.txt").exclude("build", "**/*.tmp.txt"));
		Files.createDirectories(this.root.resolve("build"));
		Files.createDirectories(this.root.resolve("docs"));
		Files.writeString(this.root.resolve("build/out.txt"), "x");
		Files.writeString(this.root.resolve("a.log"), "x");
		Files.writeString(this.root.resolve("docs/b.tmp.txt"), "x");
		Files.writeString(this.root.resolve("docs/b.txt"), "x");
		Files.writeString(this.root.resolve("a.txt"), "x");
		this.recorder.awaitChanges(created("a.txt"), created("docs/b.txt"));
		assertThat(this.recorder.describedChanges()).containsOnly(created("a.txt"), created("docs/b.txt"));
	}

	@Test
	void unreadableSubdirectoryIsSkippedAndTheRestIsWatched() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root reads every directory");
		Path secret = Files.createDirectories(this.root.resolve("secret"));
		Files.createDirectories(this.root.resolve("ok"));
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
		try {
			FileWatcher watcher = start(builder());
			Files.writeString(this.root.resolve("ok/a.txt"), "x");
			this.recorder.awaitChanges(created("ok/a.txt"));
			assertThat(watcher.stats().skippedDirectories()).isOne();
			assertThat(watcher.stats().skippedPaths()).containsExactly(secret.toAbsolutePath().normalize());
			assertThat(watcher.stats().watchedDirectories()).isEqualTo(2);
		}
		finally {
			Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void symbolicLinkIsReportedButNotFollowed() throws IOException {
		Path target = Files.createDirectories(this.outside.resolve("target"));
		FileWatcher watcher = start(builder());
		Files.createSymbolicLink(this.root.resolve("link"), target);
		this.recorder.awaitChanges(created("link"));
		Files.writeString(target.resolve("hidden.txt"), "x");
		Files.writeString(this.root.resolve("canary.txt"), "x");
		this.recorder.awaitChanges(created("canary.txt"));
		assertThat(this.recorder.describedChanges()).containsExactly(created("link"), created("canary.txt"));
		assertThat(watcher.stats().watchedDirectories()).isOne();
		Files.delete(this.root.resolve("link"));
	}

	@Test
	void batchesNeverExceedMaxBatchSizeAndAreNumberedInOrder() throws IOException {
		start(builder().maxBatchSize(10));
		for (int i = 0; i < 35; i++) {
			Files.writeString(this.root.resolve("f" + i), "x");
		}
		this.recorder.awaitChanges(created("f34"));
		List<ChangeBatch> batches = this.recorder.batches();
		assertThat(batches).allSatisfy((batch) -> assertThat(batch.changes()).hasSizeBetween(1, 10)
			.extracting(FileChange::path)
			.doesNotHaveDuplicates());
		assertThat(batches).extracting(ChangeBatch::sequence)
			.isEqualTo(LongStream.rangeClosed(1, batches.size()).boxed().toList());
		// A full batch leaves at once, so a file's CREATED may leave before the event of
		// the write that followed
		// it, which then arrives as a MODIFIED in a later batch.
		assertThat(this.recorder.describedChanges()).filteredOn((change) -> change.startsWith("CREATED"))
			.doesNotHaveDuplicates()
			.hasSize(35);
	}

	@Test
	void slowListenerMakesTheTableEvictAndFlagTheNextBatch() throws IOException, InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		FileWatcher watcher = start(
				builder().maxPending(8).debounce(Duration.ZERO).listener(blockFirstBatchUntil(release)));
		Files.writeString(this.root.resolve("first"), "x");
		this.recorder.awaitChanges(created("first"));
		for (int i = 0; i < 50; i++) {
			Files.writeString(this.root.resolve("f" + i), "x");
		}
		await().atMost(TIMEOUT).until(() -> watcher.stats().dropped() > 0);
		release.countDown();
		this.recorder.awaitBatches((batches) -> assertThat(batches).anyMatch(ChangeBatch::overflowed));
		this.recorder.awaitChanges(created("f49"));
		WatcherStats stats = watcher.stats();
		assertThat(stats.pendingPeak()).isEqualTo(8);
		assertThat(stats.dropped() + stats.published()).isGreaterThanOrEqualTo(51);
		assertThat(release.await(0, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void listenerThatThrowsIsCountedAndTheWatcherGoesOn() throws IOException {
		FileWatcher watcher = start(FileWatcher.builder(this.root).debounce(Duration.ofMillis(20)).listener((batch) -> {
			throw new IllegalStateException("listener failure");
		}).listener(this.recorder));
		Files.writeString(this.root.resolve("a.txt"), "x");
		this.recorder.awaitChanges(created("a.txt"));
		Files.writeString(this.root.resolve("b.txt"), "x");
		this.recorder.awaitChanges(created("b.txt"));
		assertThat(watcher.stats().listenerErrors()).isEqualTo(this.recorder.batches().size());
		assertThat(watcher.stats().state()).isEqualTo(WatcherState.RUNNING);
	}

	@Test
	void closePublishesPendingChanges() throws IOException {
		FileWatcher watcher = start(builder().debounce(Duration.ofMinutes(1)).maxWait(Duration.ofMinutes(1)));
		Files.writeString(this.root.resolve("a.txt"), "x");
		await().atMost(TIMEOUT).until(() -> watcher.stats().pending() == 1);
		assertThat(this.recorder.batches()).isEmpty();
		watcher.close();
		assertThat(this.recorder.describedChanges()).containsExactly(created("a.txt"));
		assertThat(watcher.state()).isEqualTo(WatcherState.STOPPED);
	}

	@Test
	void closeLeavesNoThreadBehind() {
		FileWatcher watcher = start(builder().name("threads"));
		assertThat(watcherThreads("threads")).hasSize(2);
		watcher.close();
		assertThat(watcherThreads("threads")).isEmpty();
		watcher.close();
	}

	@Test
	void statsShowWhatTheWatcherDid() throws IOException {
		Files.createDirectories(this.root.resolve("x/y"));
		FileWatcher watcher = start(builder().name("stats"));
		Files.writeString(this.root.resolve("x/y/a.txt"), "x");
		this.recorder.awaitChanges(created("x/y/a.txt"));
		WatcherStats stats = watcher.stats();
		assertThat(stats.name()).isEqualTo("stats");
		assertThat(stats.state()).isEqualTo(WatcherState.RUNNING);
		assertThat(stats.root()).isEqualTo(this.root.toAbsolutePath().normalize());
		assertThat(stats.received()).isGreaterThanOrEqualTo(1);
		assertThat(stats.published()).isEqualTo(1);
		assertThat(stats.batches()).isEqualTo(1);
		assertThat(stats.watchedDirectories()).isEqualTo(3);
		assertThat(stats.lastBatchAt()).isNotNull();
		assertThat(stats.dropped()).isZero();
	}

	@Test
	void observerSeesEveryBatchWithItsTimings() throws IOException {
		List<long[]> timings = new CopyOnWriteArrayList<>();
		start(builder().observer((batch, latency, dispatch) -> timings.add(new long[] { latency, dispatch })));
		Files.writeString(this.root.resolve("a.txt"), "x");
		this.recorder.awaitChanges(created("a.txt"));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(timings).hasSize(1));
		assertThat(timings.get(0)[0]).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
	}

	@Test
	void directoryReplacedWhileAListenerIsBusyGivesOneChangePerPath() throws IOException {
		Files.createDirectories(this.root.resolve("d"));
		Files.writeString(this.root.resolve("d/f"), "x");
		CountDownLatch release = new CountDownLatch(1);
		start(builder().listener(blockFirstBatchUntil(release)));
		Files.writeString(this.root.resolve("trigger"), "x");
		this.recorder.awaitChanges(created("trigger"));
		Files.delete(this.root.resolve("d/f"));
		Files.delete(this.root.resolve("d"));
		Files.createDirectories(this.root.resolve("d"));
		Files.writeString(this.root.resolve("d/f"), "y");
		Files.writeString(this.root.resolve("canary"), "x");
		release.countDown();
		this.recorder.awaitChanges(created("canary"));
		assertThat(this.recorder.batches())
			.allSatisfy((batch) -> assertThat(batch.changes()).extracting(FileChange::path).doesNotHaveDuplicates());
		assertThat(this.recorder.describedChanges()).contains(modified("d/f"));
	}

	@Test
	void deepTreeCreatedAtOnceReportsEachDirectoryOnce() throws IOException {
		start(builder().maxBatchSize(5));
		Path deepest = this.root;
		List<String> expected = new ArrayList<>();
		for (int depth = 0; depth < 60; depth++) {
			deepest = deepest.resolve("d");
			expected.add(created(this.root.relativize(deepest).toString() + "/"));
		}
		Files.createDirectories(deepest);
		this.recorder.awaitChanges(expected.get(expected.size() - 1));
		assertThat(this.recorder.describedChanges()).containsExactlyElementsOf(expected);
	}

	@Test
	void directoriesThatVanishAtOnceAreNotCountedAsSkipped() throws IOException {
		FileWatcher watcher = start(builder());
		for (int i = 0; i < 100; i++) {
			Path directory = Files.createDirectory(this.root.resolve("x" + i));
			Files.delete(directory);
		}
		Files.writeString(this.root.resolve("canary"), "x");
		this.recorder.awaitChanges(created("canary"));
		assertThat(watcher.stats().skippedDirectories()).isZero();
	}

	@Test
	void listenerThatThrowsAnErrorOrLeavesAnInterruptDoesNotStopDelivery() throws IOException {
		FileWatcher watcher = start(builder().listener((batch) -> {
			if (batch.sequence() == 1) {
				throw new StackOverflowError("listener overflow");
			}
			Thread.currentThread().interrupt();
		}));
		for (String name : List.of("a", "b", "c")) {
			Files.writeString(this.root.resolve(name), "x");
			this.recorder.awaitChanges(created(name));
		}
		assertThat(watcher.stats().listenerErrors()).isOne();
		assertThat(watcher.state()).isEqualTo(WatcherState.RUNNING);
	}

	@Test
	void closeFromAListenerWhileClosingFromOutsideDoesNotStall() throws Exception {
		CountDownLatch outsideClosing = new CountDownLatch(1);
		AtomicReference<FileWatcher> self = new AtomicReference<>();
		FileWatcher watcher = start(builder().listener((batch) -> {
			awaitQuietly(outsideClosing);
			self.get().close();
		}));
		self.set(watcher);
		Files.writeString(this.root.resolve("a"), "x");
		this.recorder.awaitChanges(created("a"));
		CompletableFuture<Void> outside = CompletableFuture.runAsync(watcher::close, this.threads);
		outsideClosing.countDown();
		outside.get(10, TimeUnit.SECONDS);
		assertThat(watcher.state()).isEqualTo(WatcherState.STOPPED);
		assertThat(watcherThreads(watcher.name())).isEmpty();
	}

	@Test
	void treeDeletedRightAfterItsCreationLeavesNothingBehind() throws IOException {
		start(builder().maxBatchSize(5));
		for (int round = 0; round < 5; round++) {
			Path top = this.root.resolve("t" + round);
			Path deepest = top;
			for (int depth = 0; depth < 100; depth++) {
				deepest = deepest.resolve("d");
			}
			Files.createDirectories(deepest);
			deleteRecursively(top);
		}
		Files.writeString(this.root.resolve("canary"), "x");
		this.recorder.awaitChanges(created("canary"));
		// Whatever was reported of the trees was reported deleted too, deepest first.
		Set<Path> present = new HashSet<>();
		for (FileChange change : this.recorder.changes()) {
			if (change.kind() == ChangeKind.DELETED) {
				assertThat(present.remove(change.relativePath())).as("%s was known", change).isTrue();
			}
			else {
				assertThat(present.add(change.relativePath())).as("%s was new", change).isTrue();
			}
		}
		assertThat(present).containsExactly(Path.of("canary"));
	}

	@Test
	void closeOfATreeThatIsNeverQuietIsStillQuick() throws Exception {
		FileWatcher watcher = start(builder());
		Path log = this.root.resolve("app.log");
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			while (watcher.state() != WatcherState.STOPPED) {
				appendQuietly(log);
			}
		}, this.threads);
		this.recorder.awaitChanges(created("app.log"));
		CompletableFuture.runAsync(watcher::close, this.threads).get(10, TimeUnit.SECONDS);
		writer.get(10, TimeUnit.SECONDS);
		assertThat(watcherThreads(watcher.name())).isEmpty();
	}

	@Test
	void closeFromAnInterruptedThreadStillPublishesEverything() throws IOException {
		FileWatcher watcher = start(builder().name("interrupted"));
		for (int i = 0; i < 200; i++) {
			Files.createFile(this.root.resolve("f" + i));
		}
		Thread.currentThread().interrupt();
		try {
			watcher.close();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.recorder.describedChanges()).filteredOn((change) -> change.startsWith("CREATED")).hasSize(200);
		assertThat(watcherThreads("interrupted")).isEmpty();
	}

	@Test
	void fileCreatedJustBeforeCloseIsPublished() throws IOException {
		for (int i = 0; i < 10; i++) {
			BatchRecorder recorder = new BatchRecorder();
			FileWatcher watcher = FileWatcher.builder(this.root).name("w" + i).listener(recorder).build();
			watcher.start();
			Files.createFile(this.root.resolve("f" + i));
			watcher.close();
			assertThat(recorder.describedChanges()).containsExactly(created("f" + i));
		}
	}

	private static void appendQuietly(Path file) {
		try {
			Files.writeString(file, "line\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path tree) throws IOException {
		try (Stream<Path> paths = Files.walk(tree)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void pausedWatcherCoalescesAndPublishesOnResume() throws IOException {
		FileWatcher watcher = start(builder());
		watcher.pause();
		assertThat(watcher.state()).isEqualTo(WatcherState.PAUSED);
		Files.writeString(this.root.resolve("a.txt"), "1");
		Files.writeString(this.root.resolve("a.txt"), "2");
		await().atMost(TIMEOUT).until(() -> watcher.stats().pending() == 1);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> this.recorder.batches().isEmpty());
		watcher.resume();
		assertThat(watcher.state()).isEqualTo(WatcherState.RUNNING);
		this.recorder.awaitChanges(created("a.txt"));
		assertThat(this.recorder.batches()).hasSize(1);
	}

	@Test
	void resyncWhilePausedPublishesAtOnceAndResumeAddsNothingTwice() throws IOException {
		FileWatcher watcher = start(builder());
		watcher.pause();
		Files.writeString(this.root.resolve("a.txt"), "1");
		await().atMost(TIMEOUT).until(() -> watcher.stats().pending() == 1);
		watcher.resync();
		this.recorder.awaitChanges(created("a.txt"));
		assertThat(this.recorder.batches()).singleElement()
			.satisfies((batch) -> assertThat(batch.overflowed()).isTrue());
		assertThat(watcher.stats().resyncs()).isOne();
		watcher.resume();
		Files.writeString(this.root.resolve("canary.txt"), "x");
		this.recorder.awaitChanges(created("a.txt"), created("canary.txt"));
		assertThat(this.recorder.describedChanges()).containsExactly(created("a.txt"), created("canary.txt"));
	}

	@Test
	void listenerThatPausesHoldsBackTheRestOfTheRound() throws IOException {
		Path outside = Files.createDirectories(this.outside.resolve("moved"));
		for (int i = 0; i < 120; i++) {
			Files.createFile(outside.resolve("f" + i));
		}
		FileWatcher watcher = start(builder().maxBatchSize(50).listener((batch) -> {
			if (batch.sequence() == 1) {
				this.watchers.get(0).pause();
			}
		}));
		Files.move(outside, this.root.resolve("moved"), StandardCopyOption.ATOMIC_MOVE);
		await().atMost(TIMEOUT).until(() -> this.recorder.batches().size() == 1);
		assertThat(watcher.state()).isEqualTo(WatcherState.PAUSED);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> this.recorder.batches().size() == 1);
		watcher.resume();
		this.recorder.awaitChangeCount(121);
		assertThat(this.recorder.batches()).hasSize(3);
	}

	@Test
	void resyncWithNothingChangedPublishesNothing() throws IOException {
		Files.createDirectories(this.root.resolve("d/e"));
		Files.writeString(this.root.resolve("d/e/f.txt"), "x");
		FileWatcher watcher = start(builder());
		watcher.resync();
		await().atMost(TIMEOUT).until(() -> watcher.stats().resyncs() == 1);
		Files.writeString(this.root.resolve("canary.txt"), "x");
		this.recorder.awaitChanges(created("canary.txt"));
		assertThat(this.recorder.describedChanges()).containsExactly(created("canary.txt"));
	}

	private FileWatcher.Builder builder() {
		return FileWatcher.builder(this.root).debounce(Duration.ofMillis(20)).listener(this.recorder);
	}

	private FileWatcher start(FileWatcher.Builder builder) {
		FileWatcher watcher = builder.build();
		this.watchers.add(watcher);
		watcher.start();
		return watcher;
	}

	private Consumer<ChangeBatch> blockFirstBatchUntil(CountDownLatch release) {
		return (batch) -> {
			if (batch.sequence() == 1) {
				try {
					release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
	}

	private static List<Thread> watcherThreads(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("watcher-" + name + "-") && thread.isAlive())
			.toList();
	}

}
