package dev.watcher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures the heap the index of known entries retains per entry: the heap after a full
 * collection with the index built, less the heap after a full collection before, divided
 * by the number of entries. The index is filled the way a walk fills it, with the name
 * objects the file system hands out ({@code Path.getFileName()} of each listed path), in
 * directories of a thousand files named like {@code file-000123.txt}.
 * <p>
 * Run with {@code java -cp ... dev.watcher.IndexMemory [entries]} (default one million);
 * the result is one line on standard output.
 *
 * @author watcher team
 */
public final class IndexMemory {

	private static final int FILES_PER_DIRECTORY = 1000;

	private IndexMemory() {
	}

	public static void main(String[] args) {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		Path base = Path.of("/srv/data").toAbsolutePath();
		long before = heapAfterCollection();
		KnownEntries known = build(base, entries);
		long after = heapAfterCollection();
		long count = known.count();
		System.out.printf(Locale.ROOT, "index of %,d entries (%,d directories of %,d files): %.1f bytes per entry%n",
				count, entries / FILES_PER_DIRECTORY, FILES_PER_DIRECTORY, (after - before) / (double) count);
	}

	private static KnownEntries build(Path base, int entries) {
		KnownEntries known = new KnownEntries();
		KnownDirectory root = known.root();
		int directories = Math.max(1, entries / FILES_PER_DIRECTORY);
		for (int d = 0; d < directories; d++) {
			Path directory = base.resolve(String.format(Locale.ROOT, "dir-%05d", d));
			KnownDirectory content = new KnownDirectory();
			int slot = root.insert(directory.getFileName(), KnownDirectory.DIRECTORY, true, d, 0);
			root.subdirectory(slot, content);
			for (int f = 0; f < FILES_PER_DIRECTORY - 1; f++) {
				Path file = directory.resolve(String.format(Locale.ROOT, "file-%06d.txt", f));
				content.insert(file.getFileName(), KnownDirectory.FILE, true, f, 0);
			}
		}
		return known;
	}

	private static long heapAfterCollection() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
