package dev.watcher.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A {@link WatcherMain} child seen from the comparison: launches it, reads what it
 * delivers on a thread of its own, and reads its CPU time and peak resident set from
 * {@code /proc}.
 *
 * @author watcher team
 */
final class ChildProcess implements AutoCloseable {

	/**
	 * The same JVM settings for every watcher: a fixed heap ceiling and the serial
	 * collector (no GC threads).
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx1g");

	private final Process process;

	private final String rootPrefix;

	private final Writer commands;

	private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

	private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicInteger expectedSeen = new AtomicInteger();

	private volatile Set<String> expected = Set.of();

	private volatile long countFrom = Long.MAX_VALUE;

	private volatile long lastDelivery;

	private ChildProcess(Process process, Path root) {
		this.process = process;
		this.rootPrefix = root + "/";
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "child-reader");
		reader.setDaemon(true);
		reader.start();
	}

	static ChildProcess launch(String subject, Path root, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), WatcherMain.class.getName(), subject,
				root.toString()));
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		return new ChildProcess(process, root);
	}

	/**
	 * Start counting deliveries made from now on, and which of the expected paths they
	 * name.
	 * @param expected the paths, relative to the root, that the workload changes
	 */
	void countFrom(Set<String> expected) {
		this.firstSeen.clear();
		this.expected = expected;
		this.expectedSeen.set(0);
		this.deliveries.set(0);
		this.countFrom = System.nanoTime();
	}

	private void readOutput() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith("D ")) {
					delivered(line);
				}
				else {
					this.replies.add(line);
				}
			}
		}
		catch (IOException ex) {
			// The child is gone.
		}
		this.replies.add("EOF");
	}

	private void delivered(String line) {
		int space = line.indexOf(' ', 2);
		long at = Long.parseLong(line, 2, space, 10);
		if (at < this.countFrom) {
			return;
		}
		String path = line.substring(space + 1);
		if (path.startsWith(this.rootPrefix)) {
			path = path.substring(this.rootPrefix.length());
		}
		this.deliveries.incrementAndGet();
		this.lastDelivery = at;
		if (this.firstSeen.putIfAbsent(path, at) == null && this.expected.contains(path)) {
			this.expectedSeen.incrementAndGet();
		}
	}

	/**
	 * Wait for the child to say it is watching.
	 * @param timeout how long to wait
	 * @return how long the watcher took to start, in nanoseconds, or -1 if it did not
	 * start in time
	 */
	long awaitReady(Duration timeout) throws InterruptedException {
		String reply = reply(timeout);
		return (reply != null && reply.startsWith("READY ")) ? Long.parseLong(reply.substring(6)) : -1;
	}

	/**
	 * Ask the child for its heap figures; it collects garbage first.
	 * @return the heap figures, or {@code null} if the child did not answer
	 */
	@Nullable Heap heap() throws InterruptedException {
		send("HEAP");
		String reply = reply(Duration.ofSeconds(30));
		if (reply == null || !reply.startsWith("H ")) {
			return null;
		}
		String[] fields = reply.split(" ");
		return new Heap(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
	}

	private @Nullable String reply(Duration timeout) throws InterruptedException {
		String reply = this.replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return (reply == null || reply.equals("EOF")) ? null : reply;
	}

	private void send(String command) {
		try {
			this.commands.write(command + "\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to send '" + command + "' to the child", ex);
		}
	}

	int expectedSeen() {
		return this.expectedSeen.get();
	}

	long deliveries() {
		return this.deliveries.get();
	}

	long lastDelivery() {
		return this.lastDelivery;
	}

	@Nullable Long firstSeen(String path) {
		return this.firstSeen.get(path);
	}

	/**
	 * Return the CPU time the child has used so far, user and system, from
	 * {@code /proc/<pid>/stat}.
	 * @return CPU seconds
	 */
	double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
			// The command name may hold spaces; the fields after it are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks / 100.0;
		}
		catch (IOException ex) {
			return this.process.toHandle().info().totalCpuDuration().map((cpu) -> cpu.toNanos() / 1e9).orElse(-1.0);
		}
	}

	/**
	 * Return the child's peak resident set size ({@code VmHWM}).
	 * @return bytes, or -1 if unknown
	 */
	long peakRss() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// Gone.
		}
		return -1;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			try {
				send("STOP");
			}
			catch (UncheckedIOException ex) {
				// Already on its way out.
			}
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * The child's heap figures.
	 *
	 * @param afterGc bytes in use after a full collection
	 * @param peak most bytes in use at once
	 * @param rawEvents raw events the watcher counted, or -1
	 */
	record Heap(long afterGc, long peak, long rawEvents) {
	}

}
