package dev.watcher.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything a comparison run measured, for the {@link Report}.
 *
 * @author watcher team
 */
final class Results {

	final boolean quick;

	final int runs;

	final Instant startedAt = Instant.now();

	final Map<String, String> workloads = new LinkedHashMap<>();

	final List<Measurement> measurements = new ArrayList<>();

	final List<SoakSample> soakSamples = new ArrayList<>();

	@Nullable Machine machine;

	@Nullable Duration elapsed;

	@Nullable String loadAtEnd;

	int largeTreeFiles;

	int largeTreeDirectories;

	double findSeconds = Double.NaN;

	long soakEvents;

	@Nullable Duration soakDuration;

	Results(boolean quick, int runs) {
		this.quick = quick;
		this.runs = runs;
	}

	void machine(Machine machine) {
		this.machine = machine;
	}

	void workload(Workload workload) {
		this.workloads.put(workload.name(), workload.description());
	}

	void add(Measurement measurement) {
		this.measurements.add(measurement);
	}

	void largeTree(int files, int directories) {
		this.largeTreeFiles = files;
		this.largeTreeDirectories = directories;
	}

	void find(double seconds) {
		this.findSeconds = seconds;
	}

	void soak(long events, Duration duration) {
		this.soakEvents = events;
		this.soakDuration = duration;
	}

	void soakSample(long written, long read, long heapAfterGc) {
		this.soakSamples.add(new SoakSample(written, read, heapAfterGc));
	}

	void elapsed(Duration elapsed) {
		this.elapsed = elapsed;
		this.loadAtEnd = Machine.load();
	}

	/**
	 * The heap after a full collection, once so many raw events were written.
	 *
	 * @param written raw events written so far
	 * @param read raw events the watcher had read
	 * @param heapAfterGc heap in use after a full collection
	 */
	record SoakSample(long written, long read, long heapAfterGc) {
	}

}
