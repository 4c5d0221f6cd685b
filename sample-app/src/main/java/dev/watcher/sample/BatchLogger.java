package dev.watcher.sample;

import dev.watcher.ChangeBatch;
import dev.watcher.FileChange;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogMessage;
import org.springframework.stereotype.Component;

/**
 * Logs every batch of changes, one line per change, such as
 * {@code sample #3 CREATED  notes/a.txt (2 events)}; a change found by walking a new
 * directory or by a resync shows {@code (found by a walk)}.
 *
 * @author watcher team
 */
@Component
class BatchLogger {

	private static final Log logger = LogFactory.getLog(BatchLogger.class);

	@EventListener
	void log(ChangeBatch batch) {
		if (batch.overflowed()) {
			logger.info(LogMessage.format("%s #%d comes from a resync: changes an overflow or a full pending table hid",
					batch.watcher(), batch.sequence()));
		}
		for (FileChange change : batch.changes()) {
			logger.info(describe(batch, change));
		}
	}

	static String describe(ChangeBatch batch, FileChange change) {
		String path = change.relativePath() + (change.directory() ? "/" : "");
		String events = (change.count() == 0) ? "found by a walk"
				: change.count() + ((change.count() != 1) ? " events" : " event");
		return String.format("%s #%d %-8s %s (%s)", batch.watcher(), batch.sequence(), change.kind(), path, events);
	}

}
