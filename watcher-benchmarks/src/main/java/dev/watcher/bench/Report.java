package dev.watcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * Writes a comparison's results: {@code performance-results.md} with a table per workload
 * (medians over the runs) and the targets of this watcher, and {@code performance.svg}, a
 * chart of completeness and CPU per watcher.
 *
 * @author watcher team
 */
final class Report {

	static final String RESULTS_FILE = "performance-results.md";

	static final String CHART_FILE = "performance.svg";

	private static final String[] COLOURS = { "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
			"#a6761d", "#666666" };

	private static final double MB = 1024 * 1024;

	private final Results results;

	Report(Results results) {
		this.results = results;
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(RESULTS_FILE), markdown(), StandardCharsets.UTF_8);
		Files.writeString(directory.resolve(CHART_FILE), new Chart(this).svg(), StandardCharsets.UTF_8);
	}

	List<String> watchers() {
		List<String> watchers = new ArrayList<>();
		for (Measurement measurement : this.results.measurements) {
			if (!watchers.contains(measurement.watcher())) {
				watchers.add(measurement.watcher());
			}
		}
		return watchers;
	}

	List<String> workloads() {
		return new ArrayList<>(this.results.workloads.keySet());
	}

	List<Measurement> runs(String workload, String watcher) {
		return this.results.measurements.stream()
			.filter((measurement) -> measurement.workload().equals(workload) && measurement.watcher().equals(watcher))
			.toList();
	}

	/**
	 * Return the median of a figure over the runs that have it.
	 */
	double median(String workload, String watcher, ToDoubleFunction<Measurement> figure) {
		double[] values = runs(workload, watcher).stream()
			.mapToDouble(figure)
			.filter((value) -> !Double.isNaN(value) && value >= 0)
			.toArray();
		return (values.length > 0) ? Comparison.median(values) : Double.NaN;
	}

	double worstCompleteness(String workload, String watcher) {
		return runs(workload, watcher).stream().mapToDouble(Measurement::completeness).min().orElse(Double.NaN);
	}

	private String markdown() {
		StringBuilder out = new StringBuilder();
		Machine machine = this.results.machine;
		out.append("# Comparison results\n\n");
		out.append(String.format(Locale.ROOT,
				"%s run of %s, %d run(s) per watcher and workload (medians shown), " + "%s in all.%n%n",
				this.results.quick ? "Quick (smoke)" : "Full", this.results.startedAt, this.results.runs,
				duration(this.results.elapsed)));
		if (machine != null) {
			out.append("| machine | |\n| --- | --- |\n");
			out.append("| `nproc` | ").append(machine.processors()).append(" |\n");
			out.append("| CPU | ").append(machine.cpu()).append(" |\n");
			out.append("| kernel | ").append(machine.kernel()).append(" |\n");
			out.append("| JDK | ").append(machine.jdk()).append(" |\n");
			out.append("| file system of the temp dir | ").append(machine.fileSystem()).append(" |\n");
			out.append("| load average at start / end | ")
				.append(machine.loadAtStart())
				.append(" / ")
				.append(this.results.loadAtEnd)
				.append(" |\n\n");
		}
		out.append("Each watcher runs in its own JVM (`")
			.append(String.join(" ", ChildProcess.JVM_OPTIONS))
			.append("`). CPU is the watcher process's user + system time from the end of its start-up to the end of ")
			.append("the workload; peak heap is the most heap in use that a collection found; RSS is `VmHWM`. ")
			.append(String.format(Locale.ROOT,
					"A watcher that has not reported every path gives up after %d s "
							+ "without a delivery, or %d s after the last write (storm: %d s).%n%n",
					Comparison.QUIET.toSeconds(), Comparison.BOUND.toSeconds(), Comparison.STORM_BOUND.toSeconds()));
		targets(out);
		for (String workload : workloads()) {
			workloadTable(out, workload);
		}
		largeTreeTable(out);
		soakTable(out);
		return out.toString();
	}

	private void workloadTable(StringBuilder out, String workload) {
		boolean latency = workload.equals("latency");
		out.append("## ").append(workload).append("\n\n").append(this.results.workloads.get(workload)).append(".\n\n");
		out.append("| watcher | completeness | delivered | last write to last delivery |");
		out.append(latency ? " latency p50 | latency p99 |" : "");
		out.append(" CPU | peak heap | heap after GC | peak RSS |\n| --- | --: | --: | --: |");
		out.append(latency ? " --: | --: |" : "").append(" --: | --: | --: | --: |\n");
		for (String watcher : watchers()) {
			if (runs(workload, watcher).isEmpty()) {
				continue;
			}
			if (runs(workload, watcher).stream().noneMatch(Measurement::started)) {
				out.append("| ").append(watcher).append(" | did not start |\n");
				continue;
			}
			out.append("| ").append(watcher).append(" | ").append(completeness(workload, watcher)).append(" | ");
			out.append(count(median(workload, watcher, Measurement::delivered))).append(" | ");
			out.append(millis(median(workload, watcher, Measurement::lastWriteToLastDeliveryMillis))).append(" | ");
			if (latency) {
				out.append(millis(median(workload, watcher, Measurement::p50Millis))).append(" | ");
				out.append(millis(median(workload, watcher, Measurement::p99Millis))).append(" | ");
			}
			out.append(seconds(median(workload, watcher, Measurement::cpuSeconds))).append(" | ");
			out.append(megabytes(median(workload, watcher, Measurement::peakHeap))).append(" | ");
			out.append(megabytes(median(workload, watcher, Measurement::heapAfterGc))).append(" | ");
			out.append(megabytes(median(workload, watcher, Measurement::peakRss))).append(" |\n");
		}
		out.append('\n');
	}

	private String completeness(String workload, String watcher) {
		double median = median(workload, watcher, Measurement::completeness);
		double worst = worstCompleteness(workload, watcher);
		String text = percent(median);
		return (worst < median) ? text + " (worst " + percent(worst) + ")" : text;
	}

	private void largeTreeTable(StringBuilder out) {
		String workload = "large tree";
		if (this.results.measurements.stream().noneMatch((measurement) -> measurement.workload().equals(workload))) {
			return;
		}
		out.append("## large tree\n\n");
		out.append(String.format(Locale.ROOT, "Start-up on %,d files in %,d directories; `find` lists the tree in "
				+ "%.3f s. CPU here is the whole process up to start-up complete (JVM start included); heap after GC "
				+ "is taken once started.%n%n", this.results.largeTreeFiles, this.results.largeTreeDirectories,
				this.results.findSeconds));
		out.append("| watcher | start-up | start-up / `find` | CPU | heap after GC | peak RSS |\n");
		out.append("| --- | --: | --: | --: | --: | --: |\n");
		for (String watcher : watchers()) {
			if (runs(workload, watcher).stream().noneMatch(Measurement::started)) {
				out.append("| ").append(watcher).append(" | did not start | | | | |\n");
				continue;
			}
			double start = median(workload, watcher, Measurement::startSeconds);
			out.append("| ").append(watcher).append(" | ").append(seconds(start)).append(" | ");
			out.append(String.format(Locale.ROOT, "%.1fx", start / this.results.findSeconds)).append(" | ");
			out.append(seconds(median(workload, watcher, Measurement::cpuSeconds))).append(" | ");
			out.append(megabytes(median(workload, watcher, Measurement::heapAfterGc))).append(" | ");
			out.append(megabytes(median(workload, watcher, Measurement::peakRss))).append(" |\n");
		}
		out.append('\n');
	}

	private void soakTable(StringBuilder out) {
		if (this.results.soakSamples.isEmpty()) {
			return;
		}
		out.append("## soak (this watcher only)\n\n");
		out.append(String.format(Locale.ROOT,
				"%,d appends to 1,000 existing files in turn, paced over %s; the heap "
						+ "after a full collection at checkpoints.%n%n",
				this.results.soakEvents, duration(this.results.soakDuration)));
		out.append("| raw events written | raw events read | heap after GC |\n| --: | --: | --: |\n");
		for (Results.SoakSample sample : this.results.soakSamples) {
			out.append(String.format(Locale.ROOT, "| %,d | %,d | %s |%n", sample.written(), sample.read(),
					megabytes(sample.heapAfterGc())));
		}
		out.append('\n');
	}

	private void targets(StringBuilder out) {
		String us = "watcher";
		if (!watchers().contains(us)) {
			return;
		}
		out.append("## Targets of this watcher\n\n| target | measured | met |\n| --- | --- | --- |\n");
		double worst = 1;
		StringBuilder each = new StringBuilder();
		for (String workload : workloads()) {
			double completeness = worstCompleteness(workload, us);
			worst = Math.min(worst, completeness);
			each.append((each.length() > 0) ? ", " : "").append(workload).append(' ').append(percent(completeness));
		}
		target(out, "100 % completeness everywhere (worst run)", each.toString(), worst >= 1);
		cpuTarget(out, "burst", 1.3);
		cpuTarget(out, "overflow storm", 1.5);
		double stormHeap = median("overflow storm", us, Measurement::peakHeap);
		target(out, "peak heap on the storm under 100 MB", megabytes(stormHeap), stormHeap < 100 * MB);
		double limit = OurWatcherSubject.DEBOUNCE.toMillis() + 10;
		double p99 = median("latency", us, Measurement::p99Millis);
		target(out, String.format(Locale.ROOT, "latency p99 within debounce + 10 ms (%.0f ms)", limit), millis(p99),
				p99 <= limit);
		List<Results.SoakSample> samples = this.results.soakSamples;
		if (!samples.isEmpty()) {
			double first = samples.get(0).heapAfterGc();
			double drift = samples.stream()
				.mapToDouble((sample) -> Math.abs(sample.heapAfterGc() - first) / first)
				.max()
				.orElse(0);
			target(out,
					String.format(Locale.ROOT, "heap after GC flat within 10 %% from %,d to %,d raw events",
							samples.get(0).written(), samples.get(samples.size() - 1).written()),
					String.format(Locale.ROOT, "largest change %.1f %%", drift * 100), drift <= 0.1);
		}
		double start = median("large tree", us, Measurement::startSeconds);
		target(out, "large-tree start-up within 1.5x `find`", String.format(Locale.ROOT, "%.1fx (%s vs %s)",
				start / this.results.findSeconds, seconds(start), seconds(this.results.findSeconds)),
				start <= 1.5 * this.results.findSeconds);
		out.append('\n');
	}

	private void cpuTarget(StringBuilder out, String workload, double factor) {
		double ours = median(workload, "watcher", Measurement::cpuSeconds);
		double floor = median(workload, "jdk", Measurement::cpuSeconds);
		String title = String.format(Locale.ROOT, "CPU on the %s within %.1fx the plain loop", workload, factor);
		if (Double.isNaN(floor)) {
			out.append("| ").append(title).append(" | plain loop not run | n/a |\n");
			return;
		}
		target(out, title, String.format(Locale.ROOT, "%.2fx (%s vs %s)", ours / floor, seconds(ours), seconds(floor)),
				ours <= factor * floor);
	}

	private static void target(StringBuilder out, String target, String measured, boolean met) {
		out.append("| ")
			.append(target)
			.append(" | ")
			.append(measured)
			.append(" | ")
			.append(met ? "yes" : "**no**")
			.append(" |\n");
	}

	static String percent(double share) {
		return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", share * 100);
	}

	static String count(double count) {
		return Double.isNaN(count) ? "n/a" : String.format(Locale.ROOT, "%,.0f", count);
	}

	static String millis(double millis) {
		return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%,.0f ms", millis);
	}

	static String seconds(double seconds) {
		return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.2f s", seconds);
	}

	static String megabytes(double bytes) {
		return (Double.isNaN(bytes) || bytes < 0) ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / MB);
	}

	private static String duration(@Nullable Duration duration) {
		return (duration != null)
				? String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart()) : "n/a";
	}

	static String colour(int index) {
		return COLOURS[index % COLOURS.length];
	}

}
