package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A started {@link FileWatcher} with a {@link ReplayView} and a {@link BatchRecorder} as
 * listeners, driven step by step: each step waits for its batches, then for the watcher
 * to be idle, and checks what the step delivered.
 *
 * @author watcher team
 */
final class WatchSession implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final FileWatcher watcher;

	private final ReplayView view;

	private final BatchRecorder recorder = new BatchRecorder();

	private final Duration quiet;

	private int mark;

	private WatchSession(FileWatcher.Builder builder, ReplayView.Filter filter, Duration quiet) {
		ReplayView[] view = new ReplayView[1];
		this.watcher = builder.listener((batch) -> view[0].accept(batch)).listener(this.recorder).build();
		view[0] = ReplayView.snapshot(this.watcher.root(), filter);
		this.view = view[0];
		this.quiet = quiet;
	}

	/**
	 * Build a watcher from the builder, snapshot its root, then start it.
	 * @param quiet how long no batch may arrive, with nothing pending, for the watcher to
	 * count as idle
	 */
	static WatchSession start(FileWatcher.Builder builder, Duration quiet) {
		return start(builder, ReplayView.Filter.ALL, quiet);
	}

	/**
	 * Build a watcher from the builder, snapshot its root as the filter (the builder's
	 * include and exclude globs) lets it through, then start it.
	 */
	static WatchSession start(FileWatcher.Builder builder, ReplayView.Filter filter, Duration quiet) {
		WatchSession session = new WatchSession(builder, filter, quiet);
		session.watcher.start();
		return session;
	}

	FileWatcher watcher() {
		return this.watcher;
	}

	ReplayView view() {
		return this.view;
	}

	BatchRecorder recorder() {
		return this.recorder;
	}

	Path root() {
		return this.watcher.root();
	}

	/**
	 * Wait until the changes delivered since the last step hold all of the expected ones,
	 * then until the watcher is idle, then check that the step delivered exactly those
	 * changes.
	 * @param expected the changes as {@code KIND relative/path}, with a trailing slash
	 * for a directory
	 * @return the batches of this step
	 */
	List<ChangeBatch> awaitStep(String... expected) {
		List<String> wanted = Stream.of(expected).sorted().toList();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(missing(wanted))
				.as("expected changes not delivered yet; delivered since the last step: %s",
						summary(describedSinceMark()))
				.isEmpty());
		List<ChangeBatch> batches = awaitQuietStep();
		assertThat(describe(batches).stream().sorted().toList()).as("changes of this step")
			.containsExactlyElementsOf(wanted);
		return batches;
	}

	private static String summary(List<String> changes) {
		return (changes.size() <= 40) ? changes.toString()
				: changes.subList(0, 40) + " and " + (changes.size() - 40) + " more";
	}

	private List<String> missing(List<String> wanted) {
		Set<String> delivered = new HashSet<>(describedSinceMark());
		return wanted.stream().filter((change) -> !delivered.contains(change)).limit(20).toList();
	}

	/**
	 * Wait until the watcher is idle and end the step.
	 * @return the batches of this step
	 */
	List<ChangeBatch> awaitQuietStep() {
		awaitIdle();
		List<ChangeBatch> all = this.recorder.batches();
		List<ChangeBatch> batches = all.subList(this.mark, all.size());
		this.mark = all.size();
		assertLastBatchExists(all);
		return batches;
	}

	/**
	 * Return the changes delivered since the last step, described.
	 */
	List<String> describedSinceMark() {
		List<ChangeBatch> all = this.recorder.batches();
		return describe(all.subList(this.mark, all.size()));
	}

	/**
	 * Wait until nothing is pending and no batch arrived for the quiet period.
	 */
	void awaitIdle() {
		AtomicLong seen = new AtomicLong(-1);
		await().atMost(TIMEOUT).during(this.quiet).until(() -> {
			WatcherStats stats = this.watcher.stats();
			long delivered = this.recorder.batches().size();
			boolean unchanged = seen.getAndSet(delivered) == delivered;
			return unchanged && stats.pending() == 0 && stats.batches() == delivered;
		});
	}

	/**
	 * The general oracles once quiet: every delivered path lies under the root (O2), no
	 * batch holds a path twice and replaying the batches gives the disk (O1, O3), and a
	 * canary file still arrives (O5).
	 */
	void assertOracles() {
		awaitIdle();
		assertThat(this.recorder.changes()).allSatisfy((change) -> {
			assertThat(change.path().startsWith(root())).as("%s lies under %s", change.path(), root()).isTrue();
			assertThat(root().relativize(change.path())).isEqualTo(change.relativePath());
		});
		this.view.assertMatchesDisk();
		assertCanaryArrives();
	}

	/**
	 * O5: a file written in the root arrives as one {@code CREATED}, and the view still
	 * matches the disk.
	 */
	void assertCanaryArrives() {
		try {
			Files.writeString(root().resolve("canary.txt"), "ok\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitStep(BatchRecorder.created("canary.txt"));
		this.view.assertMatchesDisk();
	}

	private void assertLastBatchExists(List<ChangeBatch> all) {
		if (all.isEmpty()) {
			return;
		}
		assertThat(all.get(all.size() - 1).changes()).filteredOn((change) -> change.kind() != ChangeKind.DELETED)
			.as("CREATED and MODIFIED paths of the last batch, once quiet")
			.allSatisfy((change) -> assertThat(Files.exists(change.path(), LinkOption.NOFOLLOW_LINKS))
				.as("%s exists", change.path())
				.isTrue());
	}

	static List<String> describe(List<ChangeBatch> batches) {
		return batches.stream().flatMap((batch) -> batch.changes().stream()).map(BatchRecorder::describe).toList();
	}

	@Override
	public void close() {
		this.watcher.close();
	}

}
