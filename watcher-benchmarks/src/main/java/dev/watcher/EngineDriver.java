package dev.watcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Drives the engine's package-private classes without a file system: raw events go
 * through {@link RawEvents} and {@link PendingChanges} into the {@link PendingTable}, and
 * the paths due come out into a {@link DueWork}, the way the watcher's two threads move
 * them, but on one thread and with a clock the caller advances.
 * <p>
 * This is the only class of the benchmarks that touches the engine's internals, so that a
 * change of the engine's drain side is adapted here alone; the benchmarks see paths as
 * numbers and batches as lists.
 *
 * @author watcher team
 */
final class EngineDriver {

	/**
	 * How many raw events the event reader gathers before it applies them to the table.
	 */
	static final int GROUP_SIZE = RawEvents.CAPACITY;

	/**
	 * Files per directory, so that paths have realistic parents and the table hashes
	 * several of them.
	 */
	private static final int FILES_PER_DIRECTORY = 100;

	private final DirectoryNode[] parents;

	private final Path[] names;

	private final PendingTable table;

	private final PendingChanges changes;

	private final RawEvents events = new RawEvents();

	private final DueWork work = new DueWork();

	private long now;

	/**
	 * Create a driver with its own engine.
	 * @param distinctPaths how many distinct paths the raw events name
	 * @param maxPending most distinct paths the table holds
	 * @param debounce quiet time a path needs
	 * @param maxWait longest a change waits
	 * @param maxBatchSize most changes per batch
	 */
	EngineDriver(int distinctPaths, int maxPending, Duration debounce, Duration maxWait, int maxBatchSize) {
		DirectoryNode root = DirectoryNode.root(Path.of("/bench").toAbsolutePath());
		this.parents = new DirectoryNode[distinctPaths];
		this.names = new Path[distinctPaths];
		for (int i = 0; i < distinctPaths; i++) {
			this.parents[i] = root.child(Path.of("d" + (i / FILES_PER_DIRECTORY)));
			this.names[i] = Path.of("f" + i + ".txt");
		}
		Debounce rules = new Debounce(debounce.toNanos(), maxWait.toNanos(), maxBatchSize);
		ResyncRequests resyncs = new ResyncRequests(rules);
		this.table = new PendingTable(maxPending, rules,
				PathFilter.of(root.path().getFileSystem(), List.of(), List.of()), resyncs);
		this.changes = new PendingChanges(this.table, resyncs, this::now);
	}

	private long now() {
		return this.now;
	}

	/**
	 * Record one raw event; the events are applied to the table in groups, as the event
	 * reader applies them.
	 * @param path the path's number, from 0 to {@code distinctPaths - 1}
	 * @return {@code true} when this event completed a group and the group was applied
	 */
	boolean record(int path) {
		if (this.events.add(this.parents[path], this.names[path], false, 1)) {
			this.changes.record(this.events);
			return true;
		}
		return false;
	}

	/**
	 * Apply the raw events recorded since the last group was applied.
	 */
	void apply() {
		this.changes.record(this.events);
	}

	/**
	 * Move the clock on.
	 * @param nanos how far
	 */
	void advance(long nanos) {
		this.now += nanos;
	}

	/**
	 * Take the paths due now, at most a batch's worth, as the dispatcher does when a
	 * batch is due.
	 * @return how many paths were taken
	 */
	int drainBatch() {
		return drain(false);
	}

	/**
	 * Take the next paths, ready or not, as the dispatcher does once the watcher closes.
	 * @return how many paths were taken
	 */
	int flushBatch() {
		return drain(true);
	}

	private int drain(boolean flush) {
		this.table.drainTo(this.work, this.now, flush);
		int taken = this.work.size();
		this.work.clear();
		return taken;
	}

	/**
	 * Return how many paths are pending.
	 * @return the number of pending paths
	 */
	int pending() {
		return this.table.size();
	}

}
