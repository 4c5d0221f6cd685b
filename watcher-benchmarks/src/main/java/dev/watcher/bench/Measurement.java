package dev.watcher.bench;

/**
 * What one run of one watcher on one workload showed. Times in seconds or milliseconds as
 * named, memory in bytes; {@link Double#NaN} or -1 where a figure does not apply or was
 * not obtained.
 *
 * @param watcher the watcher's name
 * @param workload the workload's name
 * @param started whether the watcher started in time
 * @param expected how many distinct paths the workload changed
 * @param seen how many of them the watcher reported
 * @param delivered events or changes the watcher delivered, for any path
 * @param lastWriteToLastDeliveryMillis from the end of the last write to the last
 * delivery
 * @param p50Millis median latency from a write to its delivery
 * @param p99Millis 99th percentile of that latency
 * @param cpuSeconds CPU time of the watcher's process from start-up complete to the end
 * of the workload, or (for the start-up workload) of the whole process up to start-up
 * complete
 * @param startSeconds how long the watcher took to start (register, scan, hash)
 * @param peakHeap most heap in use at once
 * @param heapAfterGc heap in use after a full collection at the end
 * @param peakRss the process's peak resident set size
 * @author watcher team
 */
record Measurement(String watcher, String workload, boolean started, int expected, int seen, long delivered,
		double lastWriteToLastDeliveryMillis, double p50Millis, double p99Millis, double cpuSeconds,
		double startSeconds, long peakHeap, long heapAfterGc, long peakRss) {

	double completeness() {
		return (this.expected > 0) ? (double) this.seen / this.expected : Double.NaN;
	}

}
