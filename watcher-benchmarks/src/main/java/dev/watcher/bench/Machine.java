package dev.watcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the comparison ran on.
 *
 * @param processors the processors the JVM sees ({@code nproc})
 * @param cpu the CPU model
 * @param kernel the kernel release
 * @param jdk the JDK that ran the watchers
 * @param fileSystem the file system type of the temporary directory
 * @param loadAtStart the load averages when the run started
 * @author watcher team
 */
record Machine(int processors, String cpu, String kernel, String jdk, String fileSystem, String loadAtStart) {

	static Machine describe(Path tmp) throws IOException {
		return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
				firstLine(Path.of("/proc/sys/kernel/osrelease")),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				Files.getFileStore(tmp).type(), load());
	}

	static String load() {
		String line = firstLine(Path.of("/proc/loadavg"));
		String[] fields = line.split(" ");
		return (fields.length >= 3) ? String.join(" ", fields[0], fields[1], fields[2]) : line;
	}

	private static String cpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			return lines.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String firstLine(Path path) {
		try {
			return Files.readAllLines(path).get(0).trim();
		}
		catch (IOException | IndexOutOfBoundsException ex) {
			return "unknown";
		}
	}

}
