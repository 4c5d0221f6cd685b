package dev.watcher.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The end-to-end comparison: runs every watcher on every workload in a fresh directory,
 * each watcher in its own JVM, and writes the results as markdown tables and an SVG
 * chart. <pre>
 * java -cp ... dev.watcher.bench.Comparison [--quick] [--runs N] [--out DIR] [--watchers a,b,...]
 * </pre> A watcher that has not reported every expected path once the workload is over
 * waits at most {@link #QUIET} with no delivery, and at most {@link #BOUND} (the storm
 * {@link #STORM_BOUND}) in all; it is then recorded as incomplete with what it delivered.
 *
 * @author watcher team
 */
public final class Comparison {

	static final List<String> WATCHERS = List.of("watcher", "jdk", "devtools", "commons-io", "methvin",
			"methvin-nohash", "spring-integration");

	static final Duration QUIET = Duration.ofSeconds(4);

	static final Duration BOUND = Duration.ofSeconds(20);

	static final Duration STORM_BOUND = Duration.ofSeconds(30);

	private static final Duration SETTLE = Duration.ofMillis(500);

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private final boolean quick;

	private final int runs;

	private final List<String> watchers;

	private final Path tmp;

	private final Results results;

	private Comparison(boolean quick, int runs, List<String> watchers, Path tmp) {
		this.quick = quick;
		this.runs = runs;
		this.watchers = watchers;
		this.tmp = tmp;
		this.results = new Results(quick, runs);
	}

	public static void main(String[] args) throws Exception {
		boolean quick = false;
		int runs = -1;
		Path out = Path.of("target", "comparison");
		List<String> watchers = WATCHERS;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--runs" -> runs = Integer.parseInt(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				case "--watchers" -> watchers = List.of(args[++i].split(","));
				default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
			}
		}
		if (!WatcherMain.subjects().containsAll(watchers)) {
			throw new IllegalArgumentException("Unknown watcher in " + watchers + "; known: " + WATCHERS);
		}
		Path tmp = Files.createTempDirectory("watcher-comparison-");
		Comparison comparison = new Comparison(quick, (runs > 0) ? runs : (quick ? 1 : 3), watchers, tmp);
		try {
			comparison.run();
		}
		finally {
			delete(tmp);
		}
		new Report(comparison.results).write(out);
		log("Results in " + out.toAbsolutePath());
		if (comparison.results.measurements.stream().anyMatch((measurement) -> !measurement.started())) {
			log("A watcher did not start: see the logs above");
			System.exit(1);
		}
	}

	private void run() throws Exception {
		this.results.machine(Machine.describe(this.tmp));
		long started = System.nanoTime();
		for (Workload workload : workloads()) {
			this.results.workload(workload);
			for (int run = 1; run <= this.runs; run++) {
				for (String watcher : this.watchers) {
					this.results.add(runCase(watcher, workload, run));
				}
			}
		}
		largeTree();
		if (this.watchers.contains("watcher")) {
			soak();
		}
		this.results.elapsed(Duration.ofNanos(System.nanoTime() - started));
	}

	private List<Workload> workloads() {
		if (this.quick) {
			return List.of(new Workload.Burst(200, 10), new Workload.HotFile(2_000), new Workload.Latency(20, 20),
					new Workload.NewDirectoryRace(20), new Workload.Storm(2_000));
		}
		return List.of(new Workload.Burst(10_000, 100), new Workload.HotFile(100_000), new Workload.Latency(200, 20),
				new Workload.NewDirectoryRace(200), new Workload.Storm(100_000));
	}

	private Measurement runCase(String watcher, Workload workload, int run) throws Exception {
		String directory = workload.name().replace(' ', '-') + "-" + watcher + "-" + run;
		Path root = Files.createDirectory(this.tmp.resolve(directory));
		try {
			workload.prepare(root);
			Set<String> expected = workload.expected();
			try (ChildProcess child = ChildProcess.launch(watcher, root, this.tmp.resolve(watcher + ".log"))) {
				long startNanos = child.awaitReady(READY_TIMEOUT);
				if (startNanos < 0) {
					log(workload.name() + " / " + watcher + " #" + run + ": did not start");
					return notStarted(watcher, workload.name(), expected.size());
				}
				double cpuAtReady = child.cpuSeconds();
				child.countFrom(expected);
				Workload.Written written = workload.write(root);
				boolean complete = awaitDeliveries(child, workload, expected.size(), written);
				double cpu = child.cpuSeconds() - cpuAtReady;
				ChildProcess.Heap heap = child.heap();
				long rss = child.peakRss();
				int seen = (workload.needsFinalDelivery() && child.lastDelivery() <= written.last()) ? 0
						: child.expectedSeen();
				double[] latencies = latencies(child, written);
				Measurement measurement = new Measurement(watcher, workload.name(), true, expected.size(), seen,
						child.deliveries(),
						(child.deliveries() > 0) ? millis(child.lastDelivery() - written.last()) : Double.NaN,
						percentile(latencies, 50), percentile(latencies, 99), cpu, startNanos / 1e9,
						(heap != null) ? heap.peak() : -1, (heap != null) ? heap.afterGc() : -1, rss);
				log(String.format("%s / %s #%d: %d/%d seen%s, %d delivered, %.2f s CPU, write %.2f s", workload.name(),
						watcher, run, seen, expected.size(), complete ? "" : " (gave up)", child.deliveries(), cpu,
						(written.last() - written.first()) / 1e9));
				return measurement;
			}
		}
		finally {
			delete(root);
		}
	}

	private boolean awaitDeliveries(ChildProcess child, Workload workload, int expected, Workload.Written written) {
		long deadline = written.last() + ((workload instanceof Workload.Storm) ? STORM_BOUND : BOUND).toNanos();
		while (true) {
			boolean all = child.expectedSeen() == expected;
			boolean last = !workload.needsFinalDelivery() || child.lastDelivery() > written.last();
			if (all && last) {
				pause(SETTLE.toNanos());
				return true;
			}
			long now = System.nanoTime();
			long lastActivity = Math.max(written.last(), child.lastDelivery());
			if (now - lastActivity > QUIET.toNanos() || now - deadline > 0) {
				return false;
			}
			pause(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	private static double[] latencies(ChildProcess child, Workload.Written written) {
		List<Double> latencies = new ArrayList<>();
		written.writeTimes().forEach((path, at) -> {
			Long seen = child.firstSeen(path);
			if (seen != null) {
				latencies.add(millis(seen - at));
			}
		});
		return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
	}

	static double percentile(double[] sorted, int percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static Measurement notStarted(String watcher, String workload, int expected) {
		return new Measurement(watcher, workload, false, expected, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN, -1, -1, -1);
	}

	/**
	 * Start-up on a large tree, built once and shared by every run (nothing writes to
	 * it), against {@code find} listing the same tree.
	 */
	private void largeTree() throws Exception {
		int directories = this.quick ? 100 : 10_000;
		int filesPerDirectory = 10;
		Path tree = Files.createDirectory(this.tmp.resolve("large-tree"));
		buildTree(tree, directories, filesPerDirectory);
		this.results.largeTree(directories * filesPerDirectory, directories);
		double[] find = new double[this.runs];
		for (int run = 1; run <= this.runs; run++) {
			long started = System.nanoTime();
			Process process = new ProcessBuilder("find", tree.toString())
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			process.waitFor();
			find[run - 1] = (System.nanoTime() - started) / 1e9;
			for (String watcher : this.watchers) {
				this.results.add(startUp(watcher, tree, run));
			}
		}
		this.results.find(median(find));
		delete(tree);
	}

	private static void buildTree(Path tree, int directories, int filesPerDirectory) throws IOException {
		int top = (int) Math.ceil(Math.sqrt(directories));
		int made = 0;
		for (int i = 0; i < top && made < directories; i++) {
			Path parent = Files.createDirectory(tree.resolve("a" + i));
			made++;
			writeFiles(parent, filesPerDirectory);
			for (int j = 1; j < top && made < directories; j++) {
				writeFiles(Files.createDirectory(parent.resolve("b" + j)), filesPerDirectory);
				made++;
			}
		}
	}

	private static void writeFiles(Path directory, int count) throws IOException {
		for (int i = 0; i < count; i++) {
			Files.write(directory.resolve("f" + i + ".txt"), Workload.CONTENT);
		}
	}

	private Measurement startUp(String watcher, Path tree, int run) throws Exception {
		try (ChildProcess child = ChildProcess.launch(watcher, tree, this.tmp.resolve(watcher + ".log"))) {
			long startNanos = child.awaitReady(READY_TIMEOUT);
			if (startNanos < 0) {
				log("large tree / " + watcher + " #" + run + ": did not start");
				return notStarted(watcher, "large tree", 0);
			}
			double cpu = child.cpuSeconds();
			ChildProcess.Heap heap = child.heap();
			log(String.format("large tree / %s #%d: started in %.2f s, %.2f s CPU", watcher, run, startNanos / 1e9,
					cpu));
			return new Measurement(watcher, "large tree", true, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, cpu,
					startNanos / 1e9, (heap != null) ? heap.peak() : -1, (heap != null) ? heap.afterGc() : -1,
					child.peakRss());
		}
	}

	/**
	 * A long stream of raw events on this watcher only: modifications of 1,000 existing
	 * files in turn, at a steady pace, with the heap measured after a full collection at
	 * checkpoints.
	 */
	private void soak() throws Exception {
		long events = this.quick ? 20_000 : 1_000_000;
		Duration duration = this.quick ? Duration.ofSeconds(5) : Duration.ofSeconds(120);
		int files = 1_000;
		Path root = Files.createDirectory(this.tmp.resolve("soak"));
		Path[] paths = new Path[files];
		for (int i = 0; i < files; i++) {
			Path directory = root.resolve("d" + (i / 100));
			Files.createDirectories(directory);
			paths[i] = Files.write(directory.resolve("f" + i + ".txt"), Workload.CONTENT);
		}
		long[] checkpoints = Arrays.stream(new double[] { 0.01, 0.1, 0.25, 0.5, 0.75, 1.0 })
			.mapToLong((share) -> (long) (share * events))
			.toArray();
		this.results.soak(events, duration);
		try (ChildProcess child = ChildProcess.launch("watcher", root, this.tmp.resolve("soak.log"))) {
			if (child.awaitReady(READY_TIMEOUT) < 0) {
				log("soak: did not start");
				return;
			}
			long period = duration.toNanos() / events;
			long started = System.nanoTime();
			int next = 0;
			for (long i = 1; i <= events; i++) {
				Files.write(paths[(int) (i % files)], Workload.CONTENT, StandardOpenOption.APPEND);
				if (i % 100 == 0) {
					pause(started + i * period - System.nanoTime());
				}
				if (i == checkpoints[next]) {
					ChildProcess.Heap heap = child.heap();
					if (heap != null) {
						this.results.soakSample(i, heap.rawEvents(), heap.afterGc());
						log(String.format("soak: %,d writes, %,d raw events read, %.1f MB after GC", i,
								heap.rawEvents(), heap.afterGc() / 1e6));
					}
					next++;
				}
			}
		}
		finally {
			delete(root);
		}
	}

	private static void pause(long nanos) {
		long until = System.nanoTime() + nanos;
		for (long left = nanos; left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	static void log(String line) {
		System.out.println(line);
	}

	static void delete(@Nullable Path path) throws IOException {
		if (path == null || !Files.exists(path)) {
			return;
		}
		Files.walkFileTree(path, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException ex) throws IOException {
				Files.delete(directory);
				return FileVisitResult.CONTINUE;
			}

		});
	}

}
