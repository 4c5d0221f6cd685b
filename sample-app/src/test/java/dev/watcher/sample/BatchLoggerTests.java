package dev.watcher.sample;

import java.nio.file.Path;
import java.util.List;

import dev.watcher.ChangeBatch;
import dev.watcher.ChangeKind;
import dev.watcher.FileChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BatchLogger}.
 *
 * @author watcher team
 */
class BatchLoggerTests {

	private static final Path ROOT = Path.of("/srv/inbox").toAbsolutePath();

	@Test
	void describeShowsWatcherSequenceKindPathAndEvents() {
		FileChange change = change("notes/a.txt", ChangeKind.CREATED, false, 2);
		assertThat(BatchLogger.describe(batch(change), change)).isEqualTo("inbox #3 CREATED  notes/a.txt (2 events)");
	}

	@Test
	void describeAlignsLongestKind() {
		FileChange change = change("a.txt", ChangeKind.MODIFIED, false, 1);
		assertThat(BatchLogger.describe(batch(change), change)).isEqualTo("inbox #3 MODIFIED a.txt (1 event)");
	}

	@Test
	void describeMarksDirectory() {
		FileChange change = change("notes", ChangeKind.DELETED, true, 1);
		assertThat(BatchLogger.describe(batch(change), change)).isEqualTo("inbox #3 DELETED  notes/ (1 event)");
	}

	@Test
	void describeSaysWhenAWalkFoundTheChange() {
		FileChange change = change("new/a.txt", ChangeKind.CREATED, false, 0);
		assertThat(BatchLogger.describe(batch(change), change))
			.isEqualTo("inbox #3 CREATED  new/a.txt (found by a walk)");
	}

	private static FileChange change(String relativePath, ChangeKind kind, boolean directory, int count) {
		Path relative = Path.of(relativePath);
		return new FileChange(ROOT.resolve(relative), relative, kind, directory, count);
	}

	private static ChangeBatch batch(FileChange change) {
		return new ChangeBatch("inbox", ROOT, 3, List.of(change), false);
	}

}
