package dev.watcher.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The child process of the comparison: runs one watcher on one root and reports on
 * standard output what it delivers, with the {@link System#nanoTime()} of each delivery
 * (a system-wide monotonic clock on Linux, so the parent compares it with its own). The
 * parent sends commands on standard input. <pre>
 * out: READY &lt;start-up nanos&gt;           the watcher has started
 * out: D &lt;nanoTime&gt; &lt;path&gt;               one delivered path
 * in:  HEAP  out: H &lt;heap after GC&gt; &lt;peak heap&gt; &lt;raw events or -1&gt;
 * in:  STOP  out: BYE                     the watcher is closed
 * </pre> The peak heap is the most heap in use that any collection found before it ran,
 * or in use now if more: what the watcher's garbage made the heap hold at its fullest.
 *
 * @author watcher team
 */
public final class WatcherMain {

	private static final long FLUSH_MILLIS = 5;

	private static final Map<String, Supplier<Subject>> SUBJECTS = Map.of("watcher", OurWatcherSubject::new, "jdk",
			JdkLoopSubject::new, "devtools", DevToolsSubject::new, "commons-io", CommonsIoSubject::new, "methvin",
			() -> new MethvinSubject(true), "methvin-nohash", () -> new MethvinSubject(false), "spring-integration",
			SpringIntegrationSubject::new);

	private static final AtomicLong peakHeap = new AtomicLong();

	private final Writer out = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);

	private boolean dirty;

	private WatcherMain() {
	}

	public static void main(String[] args) throws Exception {
		watchPeakHeap();
		new WatcherMain().run(args[0], Path.of(args[1]));
	}

	static Set<String> subjects() {
		return SUBJECTS.keySet();
	}

	private void run(String subjectName, Path root) throws Exception {
		Thread flusher = new Thread(this::flushLoop, "flusher");
		flusher.setDaemon(true);
		flusher.start();
		try (Subject subject = SUBJECTS.get(subjectName).get()) {
			long started = System.nanoTime();
			subject.start(root, this::delivered);
			line("READY " + (System.nanoTime() - started));
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String command = in.readLine(); command != null && !command.equals("STOP"); command = in.readLine()) {
				if (command.equals("HEAP")) {
					long peak = peakHeap.accumulateAndGet(heapUsed(), Math::max);
					line("H " + heapAfterGc() + " " + peak + " " + subject.rawEvents());
				}
			}
		}
		line("BYE");
		System.exit(0);
	}

	private void delivered(Path path) {
		long now = System.nanoTime();
		synchronized (this.out) {
			try {
				this.out.write("D " + now + " " + path + "\n");
				this.dirty = true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void line(String line) throws IOException {
		synchronized (this.out) {
			this.out.write(line + "\n");
			this.out.flush();
			this.dirty = false;
		}
	}

	/**
	 * Deliveries are flushed every few milliseconds rather than one by one, so that
	 * watchers that report raw events do not pay a write per event; the delivery time is
	 * taken before, so latencies are not affected.
	 */
	private void flushLoop() {
		while (true) {
			try {
				Thread.sleep(FLUSH_MILLIS);
				synchronized (this.out) {
					if (this.dirty) {
						this.out.flush();
						this.dirty = false;
					}
				}
			}
			catch (InterruptedException | IOException ex) {
				return;
			}
		}
	}

	private static long heapAfterGc() {
		System.gc();
		return heapUsed();
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void watchPeakHeap() {
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				long used = 0;
				for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
					if (heapPools.contains(pool.getKey())) {
						used += pool.getValue().getUsed();
					}
				}
				peakHeap.accumulateAndGet(used, Math::max);
			}, (notification) -> notification.getType()
				.equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
		}
		peakHeap.accumulateAndGet(heapUsed(), Math::max);
	}

}
