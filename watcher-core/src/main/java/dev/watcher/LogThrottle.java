package dev.watcher;

import java.util.concurrent.TimeUnit;

/**
 * Logs a repeated line at most once per interval, with the counts gathered since the last
 * line, so that an event storm yields a few log lines rather than one per event.
 *
 * @author watcher team
 */
final class LogThrottle {

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private long lastLoggedNanos;

	private boolean logged;

	private long unlogged;

	private long total;

	/**
	 * Count occurrences and log them if the last line is old enough.
	 * @param logger the logger
	 * @param level the level of the line
	 * @param occurrences how many new occurrences
	 * @param message builds the line from the occurrences since the last line and the
	 * total
	 */
	void log(System.Logger logger, System.Logger.Level level, long occurrences, Message message) {
		this.unlogged += occurrences;
		this.total += occurrences;
		long now = System.nanoTime();
		if (!this.logged || now - this.lastLoggedNanos >= INTERVAL_NANOS) {
			logger.log(level, message.format(this.unlogged, this.total));
			this.logged = true;
			this.lastLoggedNanos = now;
			this.unlogged = 0;
		}
	}

	/**
	 * Builds a line.
	 */
	@FunctionalInterface
	interface Message {

		String format(long sinceLastLine, long total);

	}

}
