package dev.watcher.bench;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.watcher.FileChange;
import dev.watcher.FileWatcher;

/**
 * This project's watcher, through its public API only, configured as a user would: a 50
 * ms debounce, everything else at its defaults (max wait 1 s, max batch size 50, max
 * pending 1,000).
 *
 * @author watcher team
 */
final class OurWatcherSubject implements Subject {

	static final Duration DEBOUNCE = Duration.ofMillis(50);

	private @Nullable FileWatcher watcher;

	@Override
	public void start(Path root, Sink sink) {
		FileWatcher watcher = FileWatcher.builder(root).name("bench").debounce(DEBOUNCE).listener((batch) -> {
			for (FileChange change : batch.changes()) {
				sink.delivered(change.path());
			}
		}).build();
		this.watcher = watcher;
		watcher.start();
	}

	@Override
	public long rawEvents() {
		return (this.watcher != null) ? this.watcher.stats().received() : -1;
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

}
