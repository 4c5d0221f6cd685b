package dev.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatchMode#POLLING}: the same changes as events give, found by walks.
 *
 * @author watcher team
 */
class PollingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path parent;

	private final BatchRecorder recorder = new BatchRecorder();

	private FileWatcher watcher;

	@AfterEach
	void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

	@Test
	void autoModeUsesNativeEventsOnALocalFileSystem() throws IOException {
		start(Files.createDirectories(this.parent.resolve("root")), WatchMode.AUTO);
		assertThat(this.watcher.mode()).isEqualTo(WatchMode.NATIVE);
		assertThat(this.watcher.stats().mode()).isEqualTo(WatchMode.NATIVE);
	}

	@Test
	void pollingReportsCreationModificationDeletionAndRenamesAsEventsWould() throws IOException {
		Path root = Files.createDirectories(this.parent.resolve("root"));
		Files.writeString(root.resolve("old.txt"), "x");
		Files.createDirectories(root.resolve("d/e"));
		Files.writeString(root.resolve("d/e/f.txt"), "x");
		start(root, WatchMode.POLLING);
		assertThat(this.watcher.mode()).isEqualTo(WatchMode.POLLING);
		Files.writeString(root.resolve("new.txt"), "x");
		Files.writeString(root.resolve("old.txt"), "longer");
		Files.move(root.resolve("d"), root.resolve("d2"), StandardCopyOption.ATOMIC_MOVE);
		this.recorder.awaitChanges("CREATED new.txt", "MODIFIED old.txt", "DELETED d/e/f.txt", "DELETED d/e/",
				"DELETED d/", "CREATED d2/", "CREATED d2/e/", "CREATED d2/e/f.txt");
		assertThat(this.recorder.batches()).noneMatch(ChangeBatch::overflowed);
		assertThat(this.watcher.stats().resyncs()).isZero();
		await().atMost(TIMEOUT).until(() -> this.watcher.stats().watchedDirectories() == 3);
		Files.delete(root.resolve("new.txt"));
		this.recorder.awaitChanges("CREATED new.txt", "MODIFIED old.txt", "DELETED d/e/f.txt", "DELETED d/e/",
				"DELETED d/", "CREATED d2/", "CREATED d2/e/", "CREATED d2/e/f.txt", "DELETED new.txt");
	}

	@Test
	void pollingWatcherWaitsForALostRootAndReportsWhatComesBack() throws IOException {
		Path root = Files.createDirectories(this.parent.resolve("root"));
		Files.writeString(root.resolve("f.txt"), "x");
		start(root, WatchMode.POLLING);
		Files.delete(root.resolve("f.txt"));
		Files.delete(root);
		this.recorder.awaitChanges("DELETED f.txt");
		await().atMost(TIMEOUT).until(() -> this.watcher.state() == WatcherState.WAITING_FOR_ROOT);
		assertThat(this.watcher.stats().watchedDirectories()).isZero();
		Files.createDirectories(root);
		Files.writeString(root.resolve("back.txt"), "x");
		this.recorder.awaitChanges("DELETED f.txt", "CREATED back.txt");
		await().atMost(TIMEOUT).until(() -> this.watcher.state() == WatcherState.RUNNING);
	}

	@Test
	void pollingWithSettlePublishesAFileWhoseModificationTimeIsInTheFuture() throws IOException {
		Path root = Files.createDirectories(this.parent.resolve("root"));
		this.watcher = FileWatcher.builder(root)
			.mode(WatchMode.POLLING)
			.pollInterval(Duration.ofMillis(100))
			.settle(Duration.ofMillis(300))
			.listener(this.recorder)
			.build();
		this.watcher.start();
		Path file = Files.writeString(root.resolve("future.txt"), "x");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
		this.recorder.awaitChanges("CREATED future.txt");
		assertThat(this.watcher.stats().settling()).isZero();
	}

	private void start(Path root, WatchMode mode) {
		this.watcher = FileWatcher.builder(root)
			.mode(mode)
			.pollInterval(Duration.ofMillis(100))
			.debounce(Duration.ofMillis(20))
			.listener(this.recorder)
			.build();
		this.watcher.start();
	}

}
