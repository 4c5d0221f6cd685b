package dev.watcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowingConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that keeps every batch it receives, for tests to wait on.
 *
 * @author watcher team
 */
class BatchRecorder implements Consumer<ChangeBatch> {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final List<ChangeBatch> batches = new CopyOnWriteArrayList<>();

	@Override
	public void accept(ChangeBatch batch) {
		this.batches.add(batch);
	}

	List<ChangeBatch> batches() {
		return List.copyOf(this.batches);
	}

	List<FileChange> changes() {
		List<FileChange> changes = new ArrayList<>();
		this.batches.forEach((batch) -> changes.addAll(batch.changes()));
		return changes;
	}

	List<String> describedChanges() {
		return changes().stream().map(BatchRecorder::describe).toList();
	}

	void awaitChanges(String... expected) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(describedChanges()).contains(expected));
	}

	void awaitChangeCount(int count) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(changes()).hasSizeGreaterThanOrEqualTo(count));
	}

	void awaitBatches(ThrowingConsumer<List<ChangeBatch>> assertion) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertion.accept(batches()));
	}

	/**
	 * Describe a change as {@code KIND relative/path}, with a trailing slash for a
	 * directory.
	 */
	static String describe(FileChange change) {
		String path = change.relativePath()
			.toString()
			.replace(change.relativePath().getFileSystem().getSeparator(), "/");
		return change.kind() + " " + path + (change.directory() ? "/" : "");
	}

	static String created(String path) {
		return ChangeKind.CREATED + " " + path;
	}

	static String modified(String path) {
		return ChangeKind.MODIFIED + " " + path;
	}

	static String deleted(String path) {
		return ChangeKind.DELETED + " " + path;
	}

}
