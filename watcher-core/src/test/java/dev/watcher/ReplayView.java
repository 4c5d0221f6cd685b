package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a consumer knows about a watched tree: the entries that existed when the watcher
 * started, with every delivered {@link ChangeBatch} applied in order. Batches that
 * contradict the view (a {@code CREATED} for a known path, a {@code MODIFIED} or
 * {@code DELETED} for an unknown one, two changes for one path in a batch, a path
 * reported under a directory that was reported deleted and is gone) are recorded as
 * problems; {@link #assertConsistent()} fails on the first. A {@code DELETED} removes
 * exactly its own path, since the watcher reports every entry of a deleted directory
 * itself.
 *
 * @author watcher team
 */
final class ReplayView implements Consumer<ChangeBatch> {

	private final Path root;

	private final Filter filter;

	private final Map<Path, Boolean> entries;

	private final Set<Path> deletedDirectories = new HashSet<>();

	private final List<String> problems = new ArrayList<>();

	private long batches;

	private ReplayView(Path root, Filter filter, Map<Path, Boolean> entries) {
		this.root = root;
		this.filter = filter;
		this.entries = entries;
	}

	/**
	 * Start from what is on disk under the root now, every entry reported.
	 */
	static ReplayView snapshot(Path root) {
		return snapshot(root, Filter.ALL);
	}

	/**
	 * Start from what is on disk under the root now, keeping only the entries the filter
	 * lets through.
	 */
	static ReplayView snapshot(Path root, Filter filter) {
		Path normalized = root.toAbsolutePath().normalize();
		return new ReplayView(normalized, filter, disk(normalized, filter));
	}

	@Override
	public synchronized void accept(ChangeBatch batch) {
		this.batches++;
		Set<Path> seen = new HashSet<>();
		for (FileChange change : batch.changes()) {
			if (!seen.add(change.relativePath())) {
				problem(batch, change, "a second change for the same path in one batch");
			}
			apply(batch, change);
		}
		batch.changes()
			.stream()
			.filter((change) -> change.kind() != ChangeKind.DELETED)
			.forEach((change) -> checkNotUnderDeletedDirectory(batch, change));
	}

	private void apply(ChangeBatch batch, FileChange change) {
		Path path = change.relativePath();
		if (!change.path().equals(this.root.resolve(path))) {
			problem(batch, change, "path " + change.path() + " is not the root joined with the relative path");
		}
		boolean known = this.entries.containsKey(path);
		switch (change.kind()) {
			case CREATED -> {
				if (known) {
					problem(batch, change, "CREATED for a path the consumer already knows");
				}
				present(path, change.directory());
			}
			case MODIFIED -> {
				if (!known) {
					problem(batch, change, "MODIFIED for a path the consumer does not know");
				}
				present(path, change.directory());
			}
			case DELETED -> {
				if (!known) {
					problem(batch, change, "DELETED for a path the consumer does not know");
				}
				this.entries.remove(path);
				if (change.directory()) {
					this.deletedDirectories.add(path);
				}
			}
		}
	}

	private void present(Path path, boolean directory) {
		this.entries.put(path, directory);
		this.deletedDirectories.remove(path);
	}

	/**
	 * A path reported under a directory that the consumer was told is deleted, and not
	 * told is back, carries a stale name when neither that directory nor the path exists
	 * now. Parents are not required to be known yet: a directory still busy may be
	 * published after the quiet entries in it.
	 */
	private void checkNotUnderDeletedDirectory(ChangeBatch batch, FileChange change) {
		if (Files.exists(change.path(), LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		for (Path parent = change.relativePath().getParent(); parent != null; parent = parent.getParent()) {
			if (this.deletedDirectories.contains(parent)
					&& !Files.isDirectory(this.root.resolve(parent), LinkOption.NOFOLLOW_LINKS)) {
				problem(batch, change, "reported under " + slashed(parent) + "/, which was reported deleted");
				return;
			}
		}
	}

	private void problem(ChangeBatch batch, FileChange change, String what) {
		List<String> all = batch.changes().stream().map(BatchRecorder::describe).toList();
		this.problems.add("batch " + batch.sequence() + ": " + BatchRecorder.describe(change) + ": " + what
				+ "; batch was " + all);
	}

	/**
	 * Return the problems found so far, in the order they were found.
	 */
	synchronized List<String> problems() {
		return List.copyOf(this.problems);
	}

	/**
	 * Return how many batches were applied.
	 */
	synchronized long batches() {
		return this.batches;
	}

	/**
	 * Return the view as sorted descriptions, {@code relative/path} with a trailing slash
	 * for a directory.
	 */
	synchronized List<String> describedEntries() {
		return describe(this.entries);
	}

	/**
	 * Return whether the view holds the given relative path.
	 */
	synchronized boolean contains(String relativePath) {
		return this.entries.containsKey(this.root.getFileSystem().getPath(relativePath));
	}

	/**
	 * Fail if any batch contradicted the view.
	 */
	void assertConsistent() {
		List<String> problems = problems();
		assertThat(problems).as("batches that contradict the consumer's view (%d found)", problems.size()).isEmpty();
	}

	/**
	 * Fail if any batch contradicted the view, or if the view differs from the disk
	 * (without following links, minus what the filter hides).
	 */
	void assertMatchesDisk() {
		assertConsistent();
		assertThat(describedEntries()).as("entries the consumer knows, compared with the disk under %s", this.root)
			.containsExactlyElementsOf(describe(disk(this.root, this.filter)));
	}

	/**
	 * Read the entries under the root on disk without following links; a missing root has
	 * none, and the content of a directory that cannot be read is left out.
	 */
	static Map<Path, Boolean> disk(Path root, Filter filter) {
		Map<Path, Boolean> entries = new TreeMap<>();
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return entries;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
					if (directory.equals(root)) {
						return FileVisitResult.CONTINUE;
					}
					Path relative = root.relativize(directory);
					if (filter.prunes(relative)) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					add(relative, true);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					add(root.relativize(file), attributes.isDirectory());
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					if (!(ex instanceof NoSuchFileException) && !file.equals(root)) {
						add(root.relativize(file), Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS));
					}
					return FileVisitResult.CONTINUE;
				}

				private void add(Path relative, boolean directory) {
					if (filter.reports(relative)) {
						entries.put(relative, directory);
					}
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the tree under " + root, ex);
		}
		return entries;
	}

	static List<String> describe(Map<Path, Boolean> entries) {
		return entries.entrySet()
			.stream()
			.map((entry) -> slashed(entry.getKey()) + (entry.getValue() ? "/" : ""))
			.sorted()
			.toList();
	}

	private static String slashed(Path relative) {
		return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
	}

	/**
	 * Which entries a watcher reports, as its include and exclude globs say: globs match
	 * the path relative to the root, a glob starting with {@code **}/ also matches at the
	 * top level, and an excluded directory hides its whole subtree.
	 *
	 * @param includes globs of which a reported path matches one; none means every path
	 * @param excludes globs a reported path matches none of
	 */
	record Filter(List<String> includes, List<String> excludes) {

		static final Filter ALL = new Filter(List.of(), List.of());

		boolean reports(Path relative) {
			for (Path ancestor = relative.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
				if (prunes(ancestor)) {
					return false;
				}
			}
			return !prunes(relative) && (this.includes.isEmpty() || matchesAny(this.includes, relative));
		}

		boolean prunes(Path relative) {
			return matchesAny(this.excludes, relative);
		}

		private static boolean matchesAny(List<String> globs, Path relative) {
			FileSystem fileSystem = relative.getFileSystem();
			for (String glob : globs) {
				if (fileSystem.getPathMatcher("glob:" + glob).matches(relative)
						|| (glob.startsWith("**/") && topLevelMatcher(fileSystem, glob).matches(relative))) {
					return true;
				}
			}
			return false;
		}

		private static PathMatcher topLevelMatcher(FileSystem fileSystem, String glob) {
			return fileSystem.getPathMatcher("glob:" + glob.substring(3));
		}

	}

}
