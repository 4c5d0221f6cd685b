package dev.watcher.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the writer does to a watched directory while a watcher runs on it. The writer runs
 * in the comparison's own process.
 *
 * @author watcher team
 */
interface Workload {

	byte[] CONTENT = "benchmark\n".getBytes(StandardCharsets.UTF_8);

	/**
	 * Return the workload's short name, used in tables.
	 * @return the name
	 */
	String name();

	/**
	 * Return what the workload does, in a few words.
	 * @return the description
	 */
	String description();

	/**
	 * Create what exists before the watcher starts.
	 * @param root the directory the watcher will watch
	 * @throws IOException if the directory cannot be written
	 */
	default void prepare(Path root) throws IOException {
	}

	/**
	 * Return the paths, relative to the root, that the workload changes and a watcher
	 * must report.
	 * @return the expected paths
	 */
	Set<String> expected();

	/**
	 * Write.
	 * @param root the watched directory
	 * @return when the writes happened
	 * @throws IOException if the directory cannot be written
	 */
	Written write(Path root) throws IOException;

	/**
	 * Return whether a path only counts once it is reported after the last write, as a
	 * file that keeps changing must be.
	 * @return whether the last write must be reported
	 */
	default boolean needsFinalDelivery() {
		return false;
	}

	/**
	 * When the writes happened, as {@link System#nanoTime()}.
	 *
	 * @param first the start of the first write
	 * @param last the end of the last write
	 * @param writeTimes for workloads that measure latency, when each expected path was
	 * written
	 */
	record Written(long first, long last, Map<String, Long> writeTimes) {
	}

	/**
	 * New files spread over directories that exist before the watcher starts.
	 */
	record Burst(int files, int directories) implements Workload {

		@Override
		public String name() {
			return "burst";
		}

		@Override
		public String description() {
			return String.format("%,d files written across %,d existing directories", this.files, this.directories);
		}

		@Override
		public void prepare(Path root) throws IOException {
			for (int i = 0; i < this.directories; i++) {
				Files.createDirectory(root.resolve(directory(i)));
			}
		}

		private static String directory(int index) {
			return "d" + index;
		}

		private String file(int index) {
			return directory(index % this.directories) + "/f" + index + ".txt";
		}

		@Override
		public Set<String> expected() {
			Set<String> expected = new HashSet<>();
			for (int i = 0; i < this.files; i++) {
				expected.add(file(i));
			}
			return expected;
		}

		@Override
		public Written write(Path root) throws IOException {
			long first = System.nanoTime();
			for (int i = 0; i < this.files; i++) {
				Files.write(root.resolve(file(i)), CONTENT);
			}
			return new Written(first, System.nanoTime(), Map.of());
		}

	}

	/**
	 * One existing file appended to again and again, each append its own write.
	 */
	record HotFile(int appends) implements Workload {

		private static final String FILE = "hot.log";

		@Override
		public String name() {
			return "hot file";
		}

		@Override
		public String description() {
			return String.format("%,d appends to one existing file", this.appends);
		}

		@Override
		public void prepare(Path root) throws IOException {
			Files.createFile(root.resolve(FILE));
		}

		@Override
		public Set<String> expected() {
			return Set.of(FILE);
		}

		@Override
		public Written write(Path root) throws IOException {
			long first = System.nanoTime();
			try (FileChannel channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.APPEND)) {
				ByteBuffer line = ByteBuffer.wrap(CONTENT);
				for (int i = 0; i < this.appends; i++) {
					channel.write(line.rewind());
				}
			}
			return new Written(first, System.nanoTime(), Map.of());
		}

		@Override
		public boolean needsFinalDelivery() {
			return true;
		}

	}

	/**
	 * New files at a steady pace, each one's latency measured from the end of its write.
	 */
	record Latency(int files, long periodMillis) implements Workload {

		@Override
		public String name() {
			return "latency";
		}

		@Override
		public String description() {
			return String.format("%,d new files, one every %d ms", this.files, this.periodMillis);
		}

		private static String file(int index) {
			return "l" + index + ".txt";
		}

		@Override
		public Set<String> expected() {
			Set<String> expected = new HashSet<>();
			for (int i = 0; i < this.files; i++) {
				expected.add(file(i));
			}
			return expected;
		}

		@Override
		public Written write(Path root) throws IOException {
			Map<String, Long> writeTimes = new HashMap<>();
			long first = System.nanoTime();
			long period = TimeUnit.MILLISECONDS.toNanos(this.periodMillis);
			for (int i = 0; i < this.files; i++) {
				long due = first + i * period;
				while (System.nanoTime() < due) {
					LockSupport.parkNanos(due - System.nanoTime());
				}
				Files.write(root.resolve(file(i)), CONTENT);
				writeTimes.put(file(i), System.nanoTime());
			}
			return new Written(first, System.nanoTime(), writeTimes);
		}

	}

	/**
	 * A new directory two levels deep and a file in it, created at once, again and again:
	 * the file is written before any watcher can have registered the new directories.
	 */
	record NewDirectoryRace(int count) implements Workload {

		@Override
		public String name() {
			return "new-directory race";
		}

		@Override
		public String description() {
			return String.format("%,d times mkdir -p d/x/y and a file in it at once", this.count);
		}

		private static String file(int index) {
			return "r" + index + "/x/y/f.txt";
		}

		@Override
		public Set<String> expected() {
			Set<String> expected = new HashSet<>();
			for (int i = 0; i < this.count; i++) {
				expected.add(file(i));
			}
			return expected;
		}

		@Override
		public Written write(Path root) throws IOException {
			long first = System.nanoTime();
			for (int i = 0; i < this.count; i++) {
				Path file = root.resolve(file(i));
				Files.createDirectories(file.getParent());
				Files.write(file, CONTENT);
			}
			return new Written(first, System.nanoTime(), Map.of());
		}

	}

	/**
	 * Empty files created in one existing directory as fast as one thread can: far more
	 * events than the kernel's and the JDK's queues hold.
	 */
	record Storm(int files) implements Workload {

		private static final String DIRECTORY = "storm";

		@Override
		public String name() {
			return "overflow storm";
		}

		@Override
		public String description() {
			return String.format("%,d files created in one directory as fast as possible", this.files);
		}

		@Override
		public void prepare(Path root) throws IOException {
			Files.createDirectory(root.resolve(DIRECTORY));
		}

		private static String file(int index) {
			return DIRECTORY + "/s" + index;
		}

		@Override
		public Set<String> expected() {
			Set<String> expected = new HashSet<>();
			for (int i = 0; i < this.files; i++) {
				expected.add(file(i));
			}
			return expected;
		}

		@Override
		public Written write(Path root) throws IOException {
			long first = System.nanoTime();
			for (int i = 0; i < this.files; i++) {
				Files.createFile(root.resolve(file(i)));
			}
			return new Written(first, System.nanoTime(), Map.of());
		}

	}

}
