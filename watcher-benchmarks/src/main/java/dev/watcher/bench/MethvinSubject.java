package dev.watcher.bench;

import java.nio.file.Path;

import io.methvin.watcher.DirectoryWatcher;
import org.jspecify.annotations.Nullable;

/**
 * gmethvin's {@code directory-watcher}, with or without its file hashing (on by default;
 * it hashes every file at start and on each event to drop events that changed nothing).
 *
 * @author watcher team
 */
final class MethvinSubject implements Subject {

	private final boolean hashing;

	private @Nullable DirectoryWatcher watcher;

	MethvinSubject(boolean hashing) {
		this.hashing = hashing;
	}

	@Override
	public void start(Path root, Sink sink) throws Exception {
		DirectoryWatcher watcher = DirectoryWatcher.builder().path(root).fileHashing(this.hashing).listener((event) -> {
			if (event.path() != null) {
				sink.delivered(event.path());
			}
		}).build();
		this.watcher = watcher;
		watcher.watchAsync();
	}

	@Override
	public void close() throws Exception {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

}
