package dev.watcher;

/**
 * When pending changes are ready to leave.
 *
 * @param quietNanos quiet time a path needs before its change is ready
 * @param maxWaitNanos longest a change waits after its first raw event, however busy its
 * path
 * @param maxBatchSize most changes per batch; this many pending changes leave at once,
 * ready or not
 * @author watcher team
 */
record Debounce(long quietNanos, long maxWaitNanos, int maxBatchSize) {

	boolean isReady(PendingEntry entry, long now) {
		if (entry.settling) {
			return now - entry.settleUntil >= 0;
		}
		return now - entry.lastNanos >= this.quietNanos || now - entry.firstNanos >= this.maxWaitNanos;
	}

	/**
	 * Return how long until an entry is ready, zero or less when it is. Computed from
	 * elapsed times, never from deadlines, so that a very long wait cannot overflow.
	 */
	long nanosUntilReady(PendingEntry entry, long now) {
		if (entry.settling) {
			// Held until the file stops changing, however long that takes: max-wait does
			// not apply.
			return entry.settleUntil - now;
		}
		return Math.min(this.quietNanos - (now - entry.lastNanos), this.maxWaitNanos - (now - entry.firstNanos));
	}

}
