package dev.watcher.bench;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.devtools.filewatch.ChangedFile;
import org.springframework.boot.devtools.filewatch.ChangedFiles;
import org.springframework.boot.devtools.filewatch.FileSystemWatcher;

/**
 * Spring Boot DevTools' polling {@link FileSystemWatcher} at the defaults DevTools uses
 * for restarts: a poll every second, 400 ms of quiet.
 *
 * @author watcher team
 */
final class DevToolsSubject implements Subject {

	private @Nullable FileSystemWatcher watcher;

	@Override
	public void start(Path root, Sink sink) {
		FileSystemWatcher watcher = new FileSystemWatcher(true, Duration.ofSeconds(1), Duration.ofMillis(400));
		watcher.addSourceDirectory(root.toFile());
		watcher.addListener((changeSet) -> {
			for (ChangedFiles files : changeSet) {
				for (ChangedFile file : files) {
					sink.delivered(file.getFile().toPath());
				}
			}
		});
		this.watcher = watcher;
		watcher.start();
	}

	@Override
	public void close() {
		if (this.watcher != null) {
			this.watcher.stop();
		}
	}

}
