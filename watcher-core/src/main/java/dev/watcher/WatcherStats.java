package dev.watcher;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A consistent snapshot of a watcher's figures, taken by {@link FileWatcher#stats()}.
 *
 * @param name the watcher's name
 * @param state the watcher's state
 * @param mode how the watcher learns about changes: {@link WatchMode#NATIVE} or
 * {@link WatchMode#POLLING} once started
 * @param root the watched root directory
 * @param received raw events read from the file system
 * @param published changes handed to the listeners
 * @param batches batches handed to the listeners
 * @param dropped pending changes evicted because the pending table was full
 * @param overflows times the kernel reported that its event queue overflowed
 * @param resyncs times part of the tree was walked and compared with the known entries,
 * to recover the changes that an overflow, an eviction or a lost root hid
 * @param pending paths waiting to be looked at and published, settling files included
 * @param settling files held back because they are still changing (see the settle time)
 * @param pendingPeak the highest number of changes that were waiting at once
 * @param watchedDirectories directories currently registered with the file system; in
 * polling mode, directories the last poll listed
 * @param skippedDirectories directories that could not be watched
 * @param skippedPaths the first of the directories that could not be watched
 * @param listenerErrors listener invocations that threw
 * @param lastBatchAt when the last batch was handed to the listeners, or {@code null} if
 * none was
 * @author watcher team
 */
public record WatcherStats(String name, WatcherState state, WatchMode mode, Path root, long received, long published,
		long batches, long dropped, long overflows, long resyncs, int pending, int settling, int pendingPeak,
		int watchedDirectories, int skippedDirectories, List<Path> skippedPaths, long listenerErrors,
		@Nullable Instant lastBatchAt) {

	/**
	 * Create a new {@link WatcherStats} instance.
	 */
	public WatcherStats {
		skippedPaths = List.copyOf(skippedPaths);
	}

}
