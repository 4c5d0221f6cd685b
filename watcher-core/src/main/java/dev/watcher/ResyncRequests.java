package dev.watcher;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The parts of the tree to walk again because changes in them may have been missed: a
 * directory whose events overflowed or whose pending changes were evicted, or the whole
 * tree. Requests coalesce: a resync waits until no request came for the debounce time,
 * since walking a directory while the storm that overflowed it goes on is wasted work,
 * but no longer than {@link #PATIENCE} times the maximum wait; a set of directories that
 * grows past a bound becomes one request for the whole tree; and a resync does not start
 * sooner after the previous one than that one took. So a storm causes a bounded number of
 * walks. Not thread-safe: {@link PendingChanges} guards it.
 *
 * @author watcher team
 */
final class ResyncRequests {

	static final int MAX_DIRECTORIES = 256;

	/** How many maximum waits a resync waits at most for a storm to calm. */
	static final int PATIENCE = 10;

	private final Debounce debounce;

	private final Set<Path> directories = new LinkedHashSet<>();

	private boolean wholeTree;

	private long firstNanos;

	private long lastNanos;

	private long notBefore;

	private boolean throttled;

	private boolean forced;

	private boolean polled;

	ResyncRequests(Debounce debounce) {
		this.debounce = debounce;
	}

	/**
	 * Ask for one directory to be walked again.
	 * @param relativePath the directory, relative to the root
	 * @param now the current {@link System#nanoTime()}
	 */
	void directory(Path relativePath, long now) {
		noted(now);
		if (!this.wholeTree) {
			this.directories.add(relativePath);
			if (this.directories.size() > MAX_DIRECTORIES) {
				this.wholeTree = true;
				this.directories.clear();
			}
		}
	}

	/**
	 * Ask for the whole tree to be walked again.
	 * @param now the current {@link System#nanoTime()}
	 */
	void wholeTree(long now) {
		noted(now);
		this.wholeTree = true;
		this.directories.clear();
	}

	/** Called before a request is added, so an empty set starts the wait. */
	private void noted(long now) {
		if (isEmpty()) {
			this.firstNanos = now;
		}
		this.lastNanos = now;
	}

	boolean isEmpty() {
		return !this.wholeTree && this.directories.isEmpty();
	}

	/**
	 * Ask for the walk of a poll: the whole tree, at once, and not a recovery.
	 * @param now the current {@link System#nanoTime()}
	 */
	void poll(long now) {
		wholeTree(now);
		this.polled = true;
	}

	/**
	 * Return how long until the requested resync is due.
	 * @param now the current {@link System#nanoTime()}
	 * @return nanoseconds until due, zero or less when due, {@link Long#MAX_VALUE} when
	 * nothing is requested
	 */
	long nanosUntilDue(long now) {
		if (isEmpty()) {
			return Long.MAX_VALUE;
		}
		if (this.forced || this.polled) {
			return 0;
		}
		long patience = (this.debounce.maxWaitNanos() > Long.MAX_VALUE / PATIENCE) ? Long.MAX_VALUE
				: this.debounce.maxWaitNanos() * PATIENCE;
		long ready = Math.min(this.debounce.quietNanos() - (now - this.lastNanos), patience - (now - this.firstNanos));
		return (this.throttled) ? Math.max(ready, this.notBefore - now) : ready;
	}

	/**
	 * Hand over what is requested and start afresh.
	 * @param work where the requests go
	 */
	void moveTo(DueWork work) {
		work.resync(this.wholeTree, this.directories, this.firstNanos, this.polled && !this.forced, this.forced);
		this.wholeTree = false;
		this.directories.clear();
		this.firstNanos = 0;
		this.lastNanos = 0;
		this.forced = false;
		this.polled = false;
	}

	/**
	 * Make what is requested due at once, ignoring the debounce and the previous resync's
	 * duration.
	 */
	void force() {
		this.forced = true;
	}

	boolean isForced() {
		return this.forced;
	}

	/**
	 * Note that a resync ran, so the next one waits at least as long as this one took.
	 */
	void finished(long startedNanos, long finishedNanos) {
		this.throttled = true;
		this.notBefore = finishedNanos + (finishedNanos - startedNanos);
	}

}
