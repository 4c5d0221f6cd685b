package dev.watcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReplayView}, the oracle of the scenario and model tests: it must catch
 * every kind of inconsistent batch, and accept consistent ones.
 *
 * @author watcher team
 */
class ReplayViewTests {

	@TempDir
	Path root;

	@TempDir
	Path outside;

	private long sequence;

	@Test
	void consistentBatchesReplayToTheDisk() throws IOException {
		Files.createDirectories(this.root.resolve("d"));
		Files.writeString(this.root.resolve("d/old.txt"), "x");
		ReplayView view = ReplayView.snapshot(this.root);
		Files.delete(this.root.resolve("d/old.txt"));
		Files.delete(this.root.resolve("d"));
		Files.createDirectories(this.root.resolve("e/f"));
		Files.writeString(this.root.resolve("e/f/new.txt"), "x");
		view.accept(batch(change("d/old.txt", ChangeKind.DELETED, false), change("d", ChangeKind.DELETED, true)));
		view.accept(batch(change("e/f/new.txt", ChangeKind.CREATED, false), change("e/f", ChangeKind.CREATED, true)));
		view.accept(batch(change("e", ChangeKind.CREATED, true)));
		view.assertMatchesDisk();
		assertThat(view.describedEntries()).containsExactly("e/", "e/f/", "e/f/new.txt");
	}

	@Test
	void createdForAKnownPathIsAProblem() throws IOException {
		Files.writeString(this.root.resolve("a.txt"), "x");
		ReplayView view = ReplayView.snapshot(this.root);
		view.accept(batch(change("a.txt", ChangeKind.CREATED, false)));
		assertThat(view.problems()).singleElement()
			.asString()
			.contains("CREATED for a path the consumer already knows");
	}

	@Test
	void modifiedOrDeletedForAnUnknownPathIsAProblem() {
		ReplayView view = ReplayView.snapshot(this.root);
		view.accept(batch(change("a.txt", ChangeKind.MODIFIED, false)));
		view.accept(batch(change("b.txt", ChangeKind.DELETED, false)));
		assertThat(view.problems()).hasSize(2);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(view::assertConsistent);
	}

	@Test
	void twoChangesForOnePathInOneBatchAreAProblem() {
		ReplayView view = ReplayView.snapshot(this.root);
		view.accept(batch(change("a.txt", ChangeKind.CREATED, false), change("a.txt", ChangeKind.MODIFIED, false)));
		assertThat(view.problems()).singleElement().asString().contains("a second change for the same path");
	}

	@Test
	void pathReportedUnderADeletedDirectoryIsAProblem() throws IOException {
		Files.createDirectories(this.root.resolve("d1"));
		ReplayView view = ReplayView.snapshot(this.root);
		Files.move(this.root.resolve("d1"), this.root.resolve("d2"));
		view.accept(batch(change("d1", ChangeKind.DELETED, true), change("d2", ChangeKind.CREATED, true)));
		view.accept(batch(change("d1/f.txt", ChangeKind.CREATED, false)));
		assertThat(view.problems()).singleElement().asString().contains("reported under d1/");
	}

	@Test
	void deletedDirectoryRemovesOnlyItsOwnPath() throws IOException {
		Files.createDirectories(this.root.resolve("d"));
		Files.writeString(this.root.resolve("d/f.txt"), "x");
		ReplayView view = ReplayView.snapshot(this.root);
		ScenarioTests.deleteRecursively(this.root.resolve("d"));
		view.accept(batch(change("d", ChangeKind.DELETED, true)));
		view.assertConsistent();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(view::assertMatchesDisk);
	}

	@Test
	void viewThatMissesAnEntryOnDiskDoesNotMatch() throws IOException {
		ReplayView view = ReplayView.snapshot(this.root);
		Files.writeString(this.root.resolve("unseen.txt"), "x");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(view::assertMatchesDisk)
			.withMessageContaining("unseen.txt");
	}

	@Test
	void symbolicLinksAreEntriesAndAreNotFollowed() throws IOException {
		Files.writeString(Files.createDirectories(this.outside.resolve("target")).resolve("hidden.txt"), "x");
		Files.createSymbolicLink(this.root.resolve("link"), this.outside.resolve("target"));
		Files.createSymbolicLink(this.root.resolve("self"), Path.of("."));
		assertThat(ReplayView.snapshot(this.root).describedEntries()).containsExactly("link", "self");
	}

	@Test
	void filterHidesExcludedSubtreesAndPathsNotIncluded() throws IOException {
		Files.createDirectories(this.root.resolve("build/deep"));
		Files.createDirectories(this.root.resolve("docs"));
		for (String file : List.of("build/deep/x.txt", "docs/a.txt", "docs/a.log", "top.txt", "b.tmp.txt")) {
			Files.writeString(this.root.resolve(file), "x");
		}
		ReplayView.Filter filter = new ReplayView.Filter(List.of("**/*.txt"), List.of("build", "**/*.tmp.txt"));
		assertThat(ReplayView.snapshot(this.root, filter).describedEntries()).containsExactly("docs/a.txt", "top.txt");
	}

	private ChangeBatch batch(FileChange... changes) {
		return new ChangeBatch("test", this.root, ++this.sequence, new ArrayList<>(List.of(changes)), false);
	}

	private FileChange change(String relative, ChangeKind kind, boolean directory) {
		Path relativePath = Path.of(relative);
		return new FileChange(this.root.resolve(relativePath), relativePath, kind, directory, 1);
	}

}
