package dev.watcher;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw events pushed through the coalescing table and drained as the dispatcher drains
 * them, without a file system: what each raw event costs before the dispatcher looks at
 * its path (the look, a {@code stat} per changed path, is the file system's cost and is
 * measured end to end by the comparison). One operation is one raw event, so the
 * throughput reads as raw events per second on one core and {@code gc.alloc.rate.norm}
 * (with {@code -prof gc}) as bytes allocated per raw event.
 * <ul>
 * <li>{@code record}: a steady stream into a table that already holds every path, nothing
 * drained: what recording alone costs once the table is warm.</li>
 * <li>{@code steadyStream}: a steady stream, one batch drained after every group of raw
 * events the reader applies, the clock moving 1 microsecond per raw event (a million raw
 * events a second).</li>
 * <li>{@code burst}: ten raw events per path (a create, then modifications), then the
 * debounce time passes and every batch is drained.</li>
 * </ul>
 * Engine settings: debounce 50 ms, max wait 1 s, max batch size 50, max pending the
 * larger of 1,000 and the number of paths, so that the table holds every path.
 *
 * @author watcher team
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineBenchmarks {

	private static final Duration DEBOUNCE = Duration.ofMillis(50);

	private static final long NANOS_PER_EVENT = 1_000;

	private static final int EVENTS_PER_PATH_IN_BURST = 10;

	@Param({ "1", "1000", "100000" })
	int paths;

	private EngineDriver driver;

	private int cursor;

	private int burstEvent;

	private int burstLength;

	@Setup
	public void setUp() {
		this.driver = new EngineDriver(this.paths, Math.max(1000, this.paths), DEBOUNCE, Duration.ofSeconds(1), 50);
		this.burstLength = this.paths * EVENTS_PER_PATH_IN_BURST;
	}

	@Benchmark
	public void record() {
		this.driver.record(nextPath());
	}

	@Benchmark
	public void steadyStream(Blackhole blackhole) {
		if (this.driver.record(nextPath())) {
			this.driver.advance(EngineDriver.GROUP_SIZE * NANOS_PER_EVENT);
			blackhole.consume(this.driver.drainBatch());
		}
	}

	@Benchmark
	public void burst(Blackhole blackhole) {
		this.driver.record(nextPath());
		if (++this.burstEvent == this.burstLength) {
			this.burstEvent = 0;
			this.driver.apply();
			this.driver.advance(DEBOUNCE.toNanos());
			while (this.driver.pending() > 0) {
				blackhole.consume(this.driver.drainBatch());
			}
		}
	}

	private int nextPath() {
		int path = this.cursor;
		this.cursor = (path + 1 == this.paths) ? 0 : path + 1;
		return path;
	}

}
