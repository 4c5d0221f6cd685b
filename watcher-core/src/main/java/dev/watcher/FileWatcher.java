package dev.watcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Watches a directory tree and hands its listeners debounced, coalesced batches of file
 * changes.
 * <p>
 * Raw events are read on one thread and mark their paths in a bounded pending table; a
 * path is ready once it has been quiet for the debounce time, or once its first event has
 * waited the maximum wait. A second thread reads each ready path and compares it with an
 * index of the entries the listeners know, so that replaying the batches onto the entries
 * present at start-up gives the tree on disk: whatever an overflow, an eviction, a rename
 * or a lost root hid is found again by walking the part of the tree concerned. The
 * changes ready at a moment leave together in one batch, and a full batch leaves at once.
 * Listeners run on that second thread, one batch at a time, in sequence order. Build one
 * with {@link #builder(Path)}, then {@link #start()} it and {@link #close()} it when
 * done; like an executor's, its threads keep the JVM alive until it is closed:
 *
 * <pre class="code">
 * try (FileWatcher watcher = FileWatcher.builder(Path.of("inbox"))
 *         .debounce(Duration.ofMillis(200))
 *         .listener((batch) -&gt; batch.changes().forEach(System.out::println))
 *         .build()) {
 *     watcher.start();
 *     ...
 * }
 * </pre>
 *
 * @author watcher team
 */
public final class FileWatcher implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(FileWatcher.class.getName());

	private static final long JOIN_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

	private final String name;

	private final Path root;

	private final boolean recursive;

	private final PathFilter filter;

	private final int maxBatchSize;

	private final long rootRetryNanos;

	private final long settleMillis;

	private final WatchMode requestedMode;

	private final long pollIntervalNanos;

	private volatile WatchMode mode = WatchMode.AUTO;

	private volatile @Nullable BatchDispatcher batchDispatcher;

	private final PendingChanges changes;

	private final List<Consumer<ChangeBatch>> listeners;

	private final List<BatchObserver> observers;

	private final Object monitor = new Object();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile WatcherState state = WatcherState.STARTING;

	private volatile boolean paused;

	private @Nullable WatchService watchService;

	private volatile @Nullable DirectoryTree tree;

	private @Nullable Thread reader;

	private volatile @Nullable Thread dispatcher;

	private boolean started;

	private boolean closing;

	private FileWatcher(Builder builder) {
		this.name = builder.name;
		this.root = builder.root;
		this.recursive = builder.recursive;
		this.filter = builder.filter;
		this.maxBatchSize = builder.maxBatchSize;
		this.rootRetryNanos = nanos(builder.rootRetry);
		this.settleMillis = builder.settle.toMillis();
		this.requestedMode = builder.mode;
		this.pollIntervalNanos = nanos(builder.pollInterval);
		Debounce debounce = new Debounce(nanos(builder.debounce), nanos(builder.maxWait), builder.maxBatchSize);
		ResyncRequests resyncs = new ResyncRequests(debounce);
		PendingTable table = new PendingTable(builder.maxPending, debounce, this.filter, resyncs);
		this.changes = new PendingChanges(table, resyncs, System::nanoTime);
		this.listeners = List.copyOf(builder.listeners);
		this.observers = List.copyOf(builder.observers);
	}

	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			// Over 292 years: as good as forever.
			return Long.MAX_VALUE;
		}
	}

	/**
	 * Start building a watcher for the given root directory.
	 * @param root the directory to watch
	 * @return a builder
	 */
	public static Builder builder(Path root) {
		return new Builder(root);
	}

	/**
	 * Return the watcher's name, used in batches, thread names and log lines.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the watched root directory, absolute and normalized.
	 * @return the root
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * Return the watcher's state.
	 * @return the state
	 */
	public WatcherState state() {
		WatcherState state = this.state;
		return (state == WatcherState.RUNNING && this.paused) ? WatcherState.PAUSED : state;
	}

	/**
	 * Stop publishing until {@link #resume()}: events are still read and coalesce, within
	 * {@code maxPending} paths as always (an eviction is recovered by a resync once
	 * resumed), but no batch is published. Does nothing if already paused.
	 */
	public void pause() {
		this.paused = true;
		this.changes.paused(true);
		logger.log(System.Logger.Level.INFO, () -> "Watcher '" + this.name + "' paused");
	}

	/**
	 * Publish again, starting with what gathered while paused. Does nothing if not
	 * paused.
	 */
	public void resume() {
		this.paused = false;
		this.changes.paused(false);
		logger.log(System.Logger.Level.INFO, () -> "Watcher '" + this.name + "' resumed");
	}

	/**
	 * Walk the whole tree now and publish its difference with the entries the listeners
	 * know, in batches with {@link ChangeBatch#overflowed()} set. Runs at once, even
	 * while paused, without waiting for the debounce.
	 */
	public void resync() {
		this.changes.resyncTreeNow();
	}

	/**
	 * Register the root and every directory below it, learn the entries present, then
	 * start delivering changes. Returns once the whole tree is registered and known: a
	 * change made after this returns is reported, and the entries present before are not.
	 * @throws InvalidRootException if the root is missing, not a directory or not
	 * readable
	 * @throws UncheckedIOException if the root cannot be registered with the file system
	 * @throws IllegalStateException if the watcher was started or closed before
	 */
	public void start() {
		ModeChoice choice;
		synchronized (this.monitor) {
			if (this.started || this.closing) {
				throw new IllegalStateException("Watcher '" + this.name + "' cannot be started twice, or once closed");
			}
			this.started = true;
			try {
				checkRoot(this.root);
				choice = ModeChoice.of(this.requestedMode, this.root);
				this.mode = choice.mode();
				this.state = WatcherState.RUNNING;
				// Events are read while the entries are learnt, so a change made
				// meanwhile is not lost.
				this.reader = (this.mode == WatchMode.NATIVE) ? startReader() : startPoller();
				BatchDispatcher.Settings settings = new BatchDispatcher.Settings(this.name, this.root, this.recursive,
						this.filter, this.maxBatchSize, this.settleMillis, this.listeners, this.observers,
						(ex) -> failed("stopped publishing changes", ex));
				BatchDispatcher dispatcher = new BatchDispatcher(settings, this.changes, new KnownEntries());
				learn(dispatcher);
				this.batchDispatcher = dispatcher;
				this.dispatcher = startThread("dispatch", dispatcher);
			}
			catch (RuntimeException ex) {
				this.state = WatcherState.FAILED;
				stopAndJoin(this.reader);
				closeWatchService();
				throw ex;
			}
		}
		String how = (this.mode == WatchMode.NATIVE) ? "watching " + plural(this.tree.watchedCount(), "directory")
				: "polling every " + TimeUnit.NANOSECONDS.toMillis(this.pollIntervalNanos) + " ms";
		logger.log(System.Logger.Level.INFO, "Watcher '" + this.name + "' started on '" + this.root + "', " + how
				+ ", in " + this.mode.name().toLowerCase(Locale.ROOT) + " mode: " + choice.reason());
	}

	private static String plural(int count, String noun) {
		return count + " " + ((count != 1) ? noun.replaceFirst("y$", "ie") + "s" : noun);
	}

	private Thread startReader() {
		registerTree();
		return startThread("events", new EventReader(this.name, this.watchService, this.tree, this.changes,
				this.rootRetryNanos, new RootTransitions(), (ex) -> failed("stopped reading events", ex)));
	}

	private Thread startPoller() {
		try {
			return startThread("poll",
					new Poller(this.name, this.root, this.changes, this.pollIntervalNanos, new RootTransitions()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to poll '" + this.root + "' for watcher '" + this.name + "'", ex);
		}
	}

	private void learn(BatchDispatcher dispatcher) {
		try {
			dispatcher.learn();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to list '" + this.root + "' for watcher '" + this.name + "'", ex);
		}
	}

	private void registerTree() {
		try {
			WatchService watchService = this.root.getFileSystem().newWatchService();
			this.watchService = watchService;
			DirectoryTree tree = new DirectoryTree(this.name, watchService, this.root, this.recursive, this.filter);
			this.tree = tree;
			tree.registerAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to watch '" + this.root + "' for watcher '" + this.name + "'", ex);
		}
	}

	private Thread startThread(String role, Runnable task) {
		// Not a daemon: like an executor's threads, a running watcher keeps the JVM alive
		// until it is closed, so an
		// application that only watches does not exit once its main method returns.
		Thread thread = new Thread(task, "watcher-" + this.name + "-" + role);
		thread.start();
		return thread;
	}

	private void transition(WatcherState from, WatcherState to) {
		synchronized (this.monitor) {
			if (this.state == from && !this.closing) {
				this.state = to;
			}
		}
	}

	private void failed(String what, Throwable ex) {
		this.state = WatcherState.FAILED;
		logger.log(System.Logger.Level.ERROR, "Watcher '" + this.name + "' " + what, ex);
		this.changes.close();
	}

	private int polledDirectories() {
		BatchDispatcher dispatcher = this.batchDispatcher;
		return (dispatcher != null && this.state == WatcherState.RUNNING) ? dispatcher.polledDirectories() : 0;
	}

	/**
	 * Return the mode the watcher runs in: {@link WatchMode#NATIVE} or
	 * {@link WatchMode#POLLING} once started, {@link WatchMode#AUTO} before.
	 * @return the mode
	 */
	public WatchMode mode() {
		return this.mode;
	}

	/**
	 * Return a snapshot of the watcher's figures.
	 * @return the figures
	 */
	public WatcherStats stats() {
		PendingChanges.Counters counters = this.changes.counters();
		DirectoryTree tree = this.tree;
		WatcherState state = state();
		boolean watching = state != WatcherState.STOPPED && state != WatcherState.FAILED;
		int watched = (this.mode == WatchMode.POLLING) ? polledDirectories() : (tree != null) ? tree.watchedCount() : 0;
		return new WatcherStats(this.name, state, this.mode, this.root, counters.received(), counters.published(),
				counters.batches(), counters.dropped(), counters.overflows(), counters.resyncs(), counters.pending(),
				counters.settling(), counters.pendingPeak(), watching ? watched : 0,
				(tree != null) ? tree.skippedCount() : 0, (tree != null) ? tree.skippedPaths() : List.of(),
				counters.listenerErrors(), counters.lastBatchAt());
	}

	/**
	 * Stop watching: publish every pending change, then stop the threads and release the
	 * watches. Returns once the listeners have seen the last batch, except when called by
	 * a listener, which cannot wait for itself: the remaining batches then follow once it
	 * returns. Does nothing more if already closed.
	 */
	@Override
	public void close() {
		if (!beginClose()) {
			if (Thread.currentThread() != this.dispatcher) {
				awaitClosed();
			}
			return;
		}
		try {
			stopAndJoin(this.reader);
			closeWatchService();
			this.changes.close();
			if (this.dispatcher != Thread.currentThread()) {
				join(this.dispatcher);
			}
			if (this.state != WatcherState.FAILED) {
				this.state = WatcherState.STOPPED;
			}
		}
		finally {
			this.closed.countDown();
		}
		logger.log(System.Logger.Level.DEBUG, () -> "Watcher '" + this.name + "' stopped");
	}

	private boolean beginClose() {
		synchronized (this.monitor) {
			if (this.closing) {
				return false;
			}
			this.closing = true;
			return true;
		}
	}

	private void awaitClosed() {
		try {
			this.closed.await(JOIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void stopAndJoin(@Nullable Thread thread) {
		if (thread != null) {
			thread.interrupt();
			join(thread);
		}
	}

	/**
	 * Wait for a thread to end, even if the closing thread is interrupted: closing must
	 * not cut the last batches short. The interrupt is restored afterwards.
	 */
	private void join(@Nullable Thread thread) {
		if (thread == null) {
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
		boolean interrupted = false;
		while (thread.isAlive() && deadline - System.nanoTime() > 0) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (thread.isAlive()) {
			logger.log(System.Logger.Level.WARNING, () -> "Watcher '" + this.name + "' gave up waiting for thread '"
					+ thread.getName() + "' after " + JOIN_TIMEOUT_MILLIS + " ms");
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeWatchService() {
		WatchService watchService = this.watchService;
		if (watchService != null) {
			try {
				watchService.close();
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.DEBUG, "Watcher '" + this.name + "' failed to close its watch service",
						ex);
			}
		}
	}

	/**
	 * Moves the watcher between running and waiting for its root.
	 */
	private final class RootTransitions implements EventReader.RootListener {

		@Override
		public void rootLost() {
			transition(WatcherState.RUNNING, WatcherState.WAITING_FOR_ROOT);
		}

		@Override
		public void rootFound() {
			transition(WatcherState.WAITING_FOR_ROOT, WatcherState.RUNNING);
		}

	}

	@Override
	public String toString() {
		return "FileWatcher[" + this.name + " on " + this.root + ", " + state() + "]";
	}

	private static void checkRoot(Path root) {
		if (!Files.exists(root)) {
			throw new InvalidRootException(root, InvalidRootException.Problem.MISSING);
		}
		if (!Files.isDirectory(root)) {
			throw new InvalidRootException(root, InvalidRootException.Problem.NOT_A_DIRECTORY);
		}
		if (!Files.isReadable(root) || !Files.isExecutable(root)) {
			throw new InvalidRootException(root, InvalidRootException.Problem.NOT_READABLE);
		}
	}

	/**
	 * Builds a {@link FileWatcher}. Each setter checks its argument at once, so a bad
	 * value fails where it is set.
	 */
	public static final class Builder {

		/** Default quiet time a path needs before its change is published. */
		public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(100);

		/** Default longest time a change waits, however busy its path. */
		public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

		/** Default most changes per batch. */
		public static final int DEFAULT_MAX_BATCH_SIZE = 50;

		/** Default most distinct paths held before the oldest are evicted. */
		public static final int DEFAULT_MAX_PENDING = 1000;

		/** Default time between two polls, in polling mode. */
		public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

		/** Default time between two checks for a lost root directory. */
		public static final Duration DEFAULT_ROOT_RETRY = Duration.ofSeconds(1);

		private final Path root;

		private String name;

		private boolean recursive = true;

		private List<String> includes = List.of();

		private List<String> excludes = List.of();

		private PathFilter filter;

		private Duration debounce = DEFAULT_DEBOUNCE;

		private Duration maxWait = DEFAULT_MAX_WAIT;

		private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

		private int maxPending = DEFAULT_MAX_PENDING;

		private Duration rootRetry = DEFAULT_ROOT_RETRY;

		private Duration settle = Duration.ZERO;

		private WatchMode mode = WatchMode.AUTO;

		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		private final List<Consumer<ChangeBatch>> listeners = new ArrayList<>();

		private final List<BatchObserver> observers = new ArrayList<>();

		private Builder(Path root) {
			Objects.requireNonNull(root, "'root' must not be null");
			this.root = root.toAbsolutePath().normalize();
			Path fileName = this.root.getFileName();
			this.name = (fileName != null) ? fileName.toString() : "root";
			this.filter = PathFilter.of(this.root.getFileSystem(), this.includes, this.excludes);
		}

		/**
		 * Set the watcher's name, used in batches, thread names and log lines. Defaults
		 * to the root's file name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			Objects.requireNonNull(name, "'name' must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("'name' must not be blank");
			}
			this.name = name;
			return this;
		}

		/**
		 * Set whether subdirectories are watched too. Defaults to {@code true}.
		 * @param recursive whether to watch the whole tree
		 * @return this builder
		 */
		public Builder recursive(boolean recursive) {
			this.recursive = recursive;
			return this;
		}

		/**
		 * Report only paths that match one of these globs, matched against the path
		 * relative to the root. A glob starting with {@code **}/ also matches at the top
		 * level. By default every path is reported.
		 * @param globs the globs
		 * @return this builder
		 * @throws IllegalArgumentException if a glob does not parse
		 */
		public Builder include(String... globs) {
			this.includes = List.of(globs);
			this.filter = PathFilter.of(this.root.getFileSystem(), this.includes, this.excludes);
			return this;
		}

		/**
		 * Never report paths that match one of these globs, matched against the path
		 * relative to the root. A directory that matches is not watched at all, and
		 * nothing below it is reported.
		 * @param globs the globs
		 * @return this builder
		 * @throws IllegalArgumentException if a glob does not parse
		 */
		public Builder exclude(String... globs) {
			this.excludes = List.of(globs);
			this.filter = PathFilter.of(this.root.getFileSystem(), this.includes, this.excludes);
			return this;
		}

		/**
		 * Set the quiet time a path needs before its change is published. Defaults to 100
		 * ms.
		 * @param debounce the quiet time, zero or more
		 * @return this builder
		 */
		public Builder debounce(Duration debounce) {
			this.debounce = requireNotNegative(debounce, "debounce");
			return this;
		}

		/**
		 * Set the longest a change waits after its path's first event, so a path that
		 * never stops changing is still reported. Defaults to 1 s.
		 * @param maxWait the longest wait, zero or more
		 * @return this builder
		 */
		public Builder maxWait(Duration maxWait) {
			this.maxWait = requireNotNegative(maxWait, "maxWait");
			return this;
		}

		/**
		 * Set the most changes a batch holds; once this many are pending, the oldest
		 * leave at once as a full batch. Defaults to 50.
		 * @param maxBatchSize the most changes per batch, at least 1
		 * @return this builder
		 */
		public Builder maxBatchSize(int maxBatchSize) {
			this.maxBatchSize = requireAtLeastOne(maxBatchSize, "maxBatchSize");
			return this;
		}

		/**
		 * Set the most distinct paths held while waiting; when a new path arrives at a
		 * full table, the oldest quarter is evicted, counted as dropped, and the next
		 * batch is flagged as overflowed. Defaults to 1000.
		 * @param maxPending the most pending paths, at least 1
		 * @return this builder
		 */
		public Builder maxPending(int maxPending) {
			this.maxPending = requireAtLeastOne(maxPending, "maxPending");
			return this;
		}

		/**
		 * Set how often the watcher checks that its root directory is still there and,
		 * once it is gone, whether it is back. Defaults to 1 s.
		 * @param rootRetry the time between two checks, more than zero
		 * @return this builder
		 */
		public Builder rootRetry(Duration rootRetry) {
			this.rootRetry = requirePositive(rootRetry, "rootRetry");
			return this;
		}

		/**
		 * Hold back a new or changed file until its size and modification time have not
		 * changed for this long, then publish it with its final state, so a listener
		 * never sees a file that is still being written. A file that keeps growing is
		 * held however long it grows, past the maximum wait. Held files count as pending.
		 * Defaults to zero: off.
		 * @param settle the time a file must stay unchanged, zero for off
		 * @return this builder
		 */
		public Builder settle(Duration settle) {
			this.settle = requireNotNegative(settle, "settle");
			return this;
		}

		/**
		 * Set how the watcher learns about changes. Defaults to {@link WatchMode#AUTO}:
		 * native events, or polling on a network or virtual file system.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(WatchMode mode) {
			this.mode = Objects.requireNonNull(mode, "'mode' must not be null");
			return this;
		}

		/**
		 * Set the time between two walks of the tree in polling mode. Defaults to 2 s.
		 * @param pollInterval the time between two polls, more than zero
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			this.pollInterval = requirePositive(pollInterval, "pollInterval");
			return this;
		}

		/**
		 * Add a listener. Listeners run on the watcher's dispatch thread, one batch at a
		 * time, in sequence order.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(Consumer<ChangeBatch> listener) {
			this.listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
			return this;
		}

		/**
		 * Add an observer, told about every batch once its listeners have run.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(BatchObserver observer) {
			this.observers.add(Objects.requireNonNull(observer, "'observer' must not be null"));
			return this;
		}

		/**
		 * Build the watcher; it watches nothing until {@link FileWatcher#start()}.
		 * @return the watcher
		 * @throws IllegalStateException if no listener was added
		 */
		public FileWatcher build() {
			if (this.listeners.isEmpty()) {
				throw new IllegalStateException("Watcher '" + this.name + "' needs at least one listener");
			}
			return new FileWatcher(this);
		}

		private static Duration requireNotNegative(Duration duration, String name) {
			Objects.requireNonNull(duration, "'" + name + "' must not be null");
			if (duration.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must not be negative [" + duration + "]");
			}
			return duration;
		}

		private static Duration requirePositive(Duration duration, String name) {
			requireNotNegative(duration, name);
			if (duration.isZero()) {
				throw new IllegalArgumentException("'" + name + "' must be more than zero [" + duration + "]");
			}
			return duration;
		}

		private static int requireAtLeastOne(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException("'" + name + "' must be at least 1 [" + value + "]");
			}
			return value;
		}

	}

}
