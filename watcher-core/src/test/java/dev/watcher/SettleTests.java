package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the settle time: files are held back until they stop changing.
 *
 * @author watcher team
 */
class SettleTests {

	private static final Duration SETTLE = Duration.ofMillis(400);

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int CHUNK = 1024;

	@TempDir
	Path root;

	private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final Map<String, Long> lastWrites = new ConcurrentHashMap<>();

	private FileWatcher watcher;

	@AfterEach
	void stop() {
		this.writer.shutdownNow();
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

	@Test
	void fileWrittenInBurstsIsPublishedOnceItStopsChangingWithItsFinalSize() throws Exception {
		start();
		Path file = this.root.resolve("big.bin");
		// Pauses of 100 ms, shorter than the settle time, over 600 ms: longer than
		// max-wait too.
		for (int i = 0; i < 7; i++) {
			appendAt(file, i * 100);
		}
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 1);
		Delivery delivery = this.deliveries.get(0);
		assertThat(delivery.change().kind()).isEqualTo(ChangeKind.CREATED);
		assertThat(delivery.size()).isEqualTo(7L * CHUNK);
		assertThat(delivery.atMillis() - this.lastWrites.get("big.bin")).isGreaterThanOrEqualTo(SETTLE.toMillis() - 20);
		assertThat(this.watcher.stats().settling()).isZero();
	}

	@Test
	void pauseLongerThanTheSettleTimeGivesCreatedThenModified() throws Exception {
		start();
		Path file = this.root.resolve("log.txt");
		appendAt(file, 0);
		appendAt(file, 100);
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 1);
		appendAt(file, 0);
		appendAt(file, 100);
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 2);
		assertThat(this.deliveries).extracting((delivery) -> delivery.change().kind())
			.containsExactly(ChangeKind.CREATED, ChangeKind.MODIFIED);
		assertThat(this.deliveries).extracting(Delivery::size).containsExactly(2L * CHUNK, 4L * CHUNK);
	}

	@Test
	void heldFilesCountAsPendingAndSettling() throws Exception {
		start();
		Path file = this.root.resolve("slow.bin");
		appendAt(file, 0);
		await().atMost(TIMEOUT).until(() -> this.watcher.stats().settling() == 1);
		assertThat(this.watcher.stats().pending()).isGreaterThanOrEqualTo(1);
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 1);
	}

	@Test
	void newFileDeletedWhileSettlingYieldsNothing() throws Exception {
		start();
		Path file = this.root.resolve("gone.tmp");
		appendAt(file, 0);
		await().atMost(TIMEOUT).until(() -> this.watcher.stats().settling() == 1);
		Files.delete(file);
		Files.writeString(this.root.resolve("canary.txt"), "x");
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 1);
		assertThat(this.deliveries).extracting((delivery) -> delivery.change().relativePath())
			.containsExactly(Path.of("canary.txt"));
	}

	@Test
	void closePublishesAFileThatIsStillSettling() throws Exception {
		start();
		Path file = this.root.resolve("open.bin");
		appendAt(file, 0);
		await().atMost(TIMEOUT).until(() -> this.watcher.stats().settling() == 1);
		this.watcher.close();
		assertThat(this.deliveries).extracting((delivery) -> delivery.change().kind())
			.containsExactly(ChangeKind.CREATED);
	}

	@Test
	void filesPresentAtStartAreKnownEvenIfTheyAreStillYoung() throws Exception {
		Files.writeString(this.root.resolve("young.txt"), "x");
		start();
		Files.delete(this.root.resolve("young.txt"));
		Files.writeString(this.root.resolve("canary.txt"), "x");
		await().atMost(TIMEOUT).until(() -> this.deliveries.size() == 2);
		assertThat(this.deliveries)
			.extracting((delivery) -> delivery.change().kind() + " " + delivery.change().relativePath())
			.containsExactlyInAnyOrder("DELETED young.txt", "CREATED canary.txt");
	}

	private void start() {
		this.watcher = FileWatcher.builder(this.root)
			.debounce(Duration.ofMillis(20))
			.maxWait(Duration.ofMillis(200))
			.settle(SETTLE)
			.listener((batch) -> batch.changes().forEach(this::delivered))
			.build();
		this.watcher.start();
	}

	private void delivered(FileChange change) {
		long size;
		try {
			size = Files.exists(change.path()) ? Files.size(change.path()) : -1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.deliveries.add(new Delivery(change, size, System.currentTimeMillis()));
	}

	private void appendAt(Path file, long delayMillis) {
		this.writer.schedule(() -> {
			try {
				Files.write(file, new byte[CHUNK], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				this.lastWrites.put(file.getFileName().toString(), System.currentTimeMillis());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, delayMillis, TimeUnit.MILLISECONDS);
	}

	private record Delivery(FileChange change, long size, long atMillis) {
	}

}
