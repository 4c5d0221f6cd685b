package dev.watcher.bench;

import java.nio.file.Path;

/**
 * One watcher under comparison, as the child process runs it: started on a root, it
 * reports every path it delivers to a {@link Sink}.
 *
 * @author watcher team
 */
interface Subject extends AutoCloseable {

	/**
	 * Start watching; returns once a change made afterwards is reported.
	 * @param root the directory to watch
	 * @param sink where delivered paths go
	 * @throws Exception if the watcher cannot start
	 */
	void start(Path root, Sink sink) throws Exception;

	/**
	 * Return how many raw events the watcher read, when it counts them.
	 * @return the raw events, or -1 when unknown
	 */
	default long rawEvents() {
		return -1;
	}

	/**
	 * Receives the paths a watcher delivers, one call per event or change it hands to its
	 * application.
	 */
	@FunctionalInterface
	interface Sink {

		/**
		 * Called once per event or change the watcher delivers.
		 * @param path the absolute path it names
		 */
		void delivered(Path path);

	}

}
