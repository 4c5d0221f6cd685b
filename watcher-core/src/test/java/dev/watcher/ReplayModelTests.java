package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model-based test of the watcher's promise: whatever happens in the tree, replaying the
 * delivered batches onto the entries that existed at the start gives the entries on disk
 * once things are quiet, and no batch ever contradicts what the consumer knows. Each
 * sequence, generated from its seed, starts a watcher with a small pending table and
 * small batches on a fresh root, so that eviction, full batches and resyncs happen, then
 * creates, writes, truncates, deletes and renames files and directories within the tree,
 * out of it and into it, with tiny random pauses or none. Run more sequences with
 * {@code -Dreplay.sequences=2000}, and repeat a run with {@code -Dreplay.seed=...}.
 *
 * @author watcher team
 */
class ReplayModelTests {

	private static final int SEQUENCES = Integer.getInteger("replay.sequences", 30);

	private static final long SEED = Long.getLong("replay.seed", System.nanoTime());

	private static final Duration QUIET = Duration.ofMillis(500);

	private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

	@TempDir
	Path base;

	@Test
	void replayedBatchesOfRandomSequencesEqualTheDisk() {
		SplittableRandom seeds = new SplittableRandom(SEED);
		for (int i = 0; i < SEQUENCES; i++) {
			runSequence(seeds.nextLong(), "run " + (i + 1) + " of " + SEQUENCES + " from -Dreplay.seed=" + SEED);
		}
	}

	/**
	 * Sequences that failed against the engine that kept no index of known entries (a
	 * directory moved out reported without its content, a directory moved in or renamed
	 * reported without its subtree), and one that failed against the first engine that
	 * did (a path created and deleted within one round of the dispatcher appeared twice
	 * in a batch). A seed fixes the operations and the watcher's settings, not the
	 * timing.
	 */
	@ParameterizedTest
	@ValueSource(
			longs = { 1L, -8303672813700571297L, 2949826092126892291L, 309689372594955804L, -6764752463019371571L })
	void replayedBatchesOfRegressionSequencesEqualTheDisk(long seed) {
		runSequence(seed, "regression seed");
	}

	private void runSequence(long seed, String origin) {
		Sequence sequence = new Sequence(seed, this.base.resolve("s" + Long.toHexString(seed)));
		try {
			sequence.run();
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError("Sequence with seed " + seed + "L failed (" + origin + "; settings "
					+ sequence.settings + "); its operations were:\n  " + String.join("\n  ", sequence.log) + "\n"
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * One random sequence of operations against a fresh root, with a directory beside it
	 * on the same file system to move entries out to and in from.
	 */
	private static final class Sequence {

		private final long seed;

		private final Random random;

		private final Path root;

		private final Path outside;

		private final List<String> log = new ArrayList<>();

		private String settings = "not chosen yet";

		private int made;

		Sequence(long seed, Path directory) {
			this.seed = seed;
			this.random = new Random(seed);
			this.root = directory.resolve("root");
			this.outside = directory.resolve("outside");
		}

		void run() throws AssertionError {
			try {
				Files.createDirectories(this.root);
				Files.createDirectories(this.outside);
				int initial = this.random.nextInt(8);
				for (int i = 0; i < initial; i++) {
					apply(this.random.nextBoolean() ? Operation.CREATE : Operation.MKDIR);
				}
				this.log.add("-- watcher started --");
				try (WatchSession session = WatchSession.start(builder(), QUIET)) {
					int operations = 20 + this.random.nextInt(60);
					for (int i = 0; i < operations; i++) {
						apply(Operation.values()[this.random.nextInt(Operation.values().length)]);
						pause();
					}
					session.awaitIdle();
					session.view().assertMatchesDisk();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private FileWatcher.Builder builder() {
			long debounce = this.random.nextInt(31);
			long maxWait = 100 + this.random.nextInt(201);
			int maxBatchSize = 3 + this.random.nextInt(8);
			int maxPending = 8 + this.random.nextInt(25);
			this.settings = "debounce " + debounce + " ms, max-wait " + maxWait + " ms, max-batch-size " + maxBatchSize
					+ ", max-pending " + maxPending;
			return FileWatcher.builder(this.root)
				.name("model-" + Long.toHexString(this.seed))
				.debounce(Duration.ofMillis(debounce))
				.maxWait(Duration.ofMillis(maxWait))
				.maxBatchSize(maxBatchSize)
				.maxPending(maxPending);
		}

		/**
		 * Half the operations follow the previous one at once; the others after a random
		 * pause below 2 ms.
		 */
		private void pause() {
			if (this.random.nextBoolean()) {
				LockSupport.parkNanos(this.random.nextInt(2_000_000));
			}
		}

		private void apply(Operation operation) throws IOException {
			List<Path> files = entries(false);
			List<Path> directories = entries(true);
			directories.add(this.root);
			switch (operation) {
				case CREATE -> create(pick(directories));
				case APPEND -> write("append", pick(files), "more\n", StandardOpenOption.APPEND);
				case TRUNCATE -> write("truncate", pick(files), "", StandardOpenOption.TRUNCATE_EXISTING);
				case DELETE -> delete(pick(files));
				case MKDIR -> mkdir(pick(directories));
				case RMDIR -> rmdir(pick(directories));
				case REMOVE_TREE -> removeTree(pick(directories));
				case RENAME_FILE -> rename(pick(files), directories);
				case RENAME_DIRECTORY -> rename(pick(directories), directories);
				case MOVE_OUT -> moveOut(pick(this.random.nextBoolean() ? files : directories));
				case MOVE_IN -> moveIn(pick(directories));
			}
		}

		private void create(Path directory) throws IOException {
			Path file = directory.resolve(name());
			if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
				record("create", file);
				Files.writeString(file, "new\n");
			}
		}

		private void write(String operation, Path file, String text, StandardOpenOption option) throws IOException {
			if (file != null) {
				record(operation, file);
				Files.writeString(file, text, StandardOpenOption.WRITE, option);
			}
		}

		private void delete(Path file) throws IOException {
			if (file != null) {
				record("delete", file);
				Files.delete(file);
			}
		}

		private void mkdir(Path directory) throws IOException {
			Path created = directory.resolve(name());
			if (Files.notExists(created, LinkOption.NOFOLLOW_LINKS)) {
				record("mkdir", created);
				Files.createDirectory(created);
			}
		}

		private void rmdir(Path directory) throws IOException {
			if (!directory.equals(this.root) && isEmpty(directory)) {
				record("rmdir", directory);
				Files.delete(directory);
			}
		}

		private void removeTree(Path directory) throws IOException {
			if (!directory.equals(this.root)) {
				record("rm -r", directory);
				ScenarioTests.deleteRecursively(directory);
			}
		}

		/**
		 * Rename an entry to a new name in a directory of the tree that is not inside it;
		 * a file may replace another file, as a safe write does.
		 */
		private void rename(Path entry, List<Path> directories) throws IOException {
			if (entry == null || entry.equals(this.root)) {
				return;
			}
			Path target = pick(directories.stream().filter((directory) -> !directory.startsWith(entry)).toList())
				.resolve(name());
			boolean replacesFile = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
					&& Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
			if (!target.equals(entry) && (replacesFile || Files.notExists(target, LinkOption.NOFOLLOW_LINKS))) {
				record("mv", entry, target);
				Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
			}
		}

		private void moveOut(Path entry) throws IOException {
			if (entry != null && !entry.equals(this.root)) {
				Path target = this.outside.resolve("gone" + (++this.made));
				record("mv out", entry, target);
				Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
			}
		}

		/**
		 * Build a file or a small tree outside, then move it in under a new name, or over
		 * a file of the tree.
		 */
		private void moveIn(Path directory) throws IOException {
			Path target = directory.resolve(name());
			boolean file = this.random.nextBoolean();
			boolean replacesFile = file && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
			if (!replacesFile && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				return;
			}
			Path source = this.outside.resolve("made" + (++this.made));
			if (file) {
				Files.writeString(source, "moved in\n");
			}
			else {
				Files.createDirectories(source);
				for (int i = this.random.nextInt(4); i > 0; i--) {
					Files.writeString(source.resolve(name() + i), "x\n");
				}
				if (this.random.nextBoolean()) {
					Files.writeString(Files.createDirectories(source.resolve("sub")).resolve("y"), "y\n");
				}
			}
			record("mv in", source, target);
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}

		private List<Path> entries(boolean directories) throws IOException {
			try (Stream<Path> paths = Files.walk(this.root)) {
				return new ArrayList<>(paths.filter((path) -> !path.equals(this.root))
					.filter((path) -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) == directories)
					.sorted()
					.toList());
			}
		}

		private Path pick(List<Path> paths) {
			return paths.isEmpty() ? null : paths.get(this.random.nextInt(paths.size()));
		}

		private String name() {
			return NAMES.get(this.random.nextInt(NAMES.size()));
		}

		private static boolean isEmpty(Path directory) throws IOException {
			try (Stream<Path> entries = Files.list(directory)) {
				return entries.findAny().isEmpty();
			}
		}

		private void record(String operation, Path... paths) {
			StringBuilder line = new StringBuilder(operation);
			for (Path path : paths) {
				line.append(' ')
					.append(path.startsWith(this.root) ? "R/" + this.root.relativize(path)
							: "OUT/" + this.outside.relativize(path));
			}
			this.log.add(line.toString());
		}

	}

	private enum Operation {

		CREATE, APPEND, TRUNCATE, DELETE, MKDIR, RMDIR, REMOVE_TREE, RENAME_FILE, RENAME_DIRECTORY, MOVE_OUT, MOVE_IN

	}

}
