package dev.watcher.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The floor: a plain recursive {@link WatchService} loop that reports every raw event as
 * it comes, and registers (then lists) a directory when it appears. No coalescing, no
 * debounce, nothing done on overflow.
 *
 * @author watcher team
 */
final class JdkLoopSubject implements Subject {

	private final Map<WatchKey, Path> directories = new HashMap<>();

	private @Nullable WatchService watchService;

	private @Nullable Thread thread;

	@Override
	public void start(Path root, Sink sink) throws IOException {
		WatchService watchService = FileSystems.getDefault().newWatchService();
		this.watchService = watchService;
		registerTree(watchService, root, null);
		Thread thread = new Thread(() -> loop(watchService, sink), "jdk-loop");
		this.thread = thread;
		thread.start();
	}

	private void registerTree(WatchService watchService, Path directory, @Nullable Sink sink) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
					this.directories.put(path.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), path);
				}
				if (sink != null && !path.equals(directory)) {
					sink.delivered(path);
				}
			}
		}
	}

	private void loop(WatchService watchService, Sink sink) {
		try {
			while (true) {
				WatchKey key = watchService.take();
				Path directory = this.directories.get(key);
				for (WatchEvent<?> event : key.pollEvents()) {
					if (directory != null && event.kind() != StandardWatchEventKinds.OVERFLOW) {
						handle(watchService, sink, directory.resolve((Path) event.context()), event.kind());
					}
				}
				if (!key.reset()) {
					this.directories.remove(key);
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// Closed.
		}
	}

	private void handle(WatchService watchService, Sink sink, Path path, WatchEvent.Kind<?> kind) {
		sink.delivered(path);
		if (kind == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			try {
				registerTree(watchService, path, sink);
			}
			catch (IOException ex) {
				// Gone again before it could be registered: its deletion follows.
			}
		}
	}

	@Override
	public void close() throws Exception {
		if (this.watchService != null) {
			this.watchService.close();
		}
		if (this.thread != null) {
			this.thread.join(10_000);
		}
	}

}
