package dev.watcher.autoconfigure.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatcherMetricsAutoConfiguration} and {@link WatcherMetrics}.
 *
 * @author watcher team
 */
class WatcherMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class, WatcherMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class));

	@Test
	void runWithoutMeterRegistryDoesNotCreateMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WatcherAutoConfiguration.class, WatcherMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WatcherMetrics.class));
	}

	@Test
	void runWithUserMetricsBacksOff() {
		this.contextRunner.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WatcherMetrics.class).hasBean("customMetrics"));
	}

	@Test
	void runRegistersDescribedMetersTaggedWithWatcherName(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
			assertThat(registry.find("watcher.events.received").tag("watcher", "inbox").functionCounter()).isNotNull();
			assertThat(registry.find("watcher.events.dropped").tag("watcher", "inbox").functionCounter()).isNotNull();
			assertThat(registry.find("watcher.resyncs").tag("watcher", "inbox").functionCounter()).isNotNull();
			assertThat(registry.find("watcher.changes.published").tag("watcher", "inbox").functionCounter())
				.isNotNull();
			assertThat(registry.find("watcher.pending").tag("watcher", "inbox").gauge()).isNotNull();
			assertThat(registry.find("watcher.batch.size").tag("watcher", "inbox").summary()).isNotNull();
			assertThat(registry.find("watcher.dispatch").tag("watcher", "inbox").timer()).isNotNull();
			assertThat(registry.find("watcher.latency").tag("watcher", "inbox").timer()).isNotNull();
			assertThat(registry.find("watcher.events.received").functionCounter().getId().getBaseUnit())
				.isEqualTo("events");
			assertThat(registry.find("watcher.changes.published").functionCounter().getId().getBaseUnit())
				.isEqualTo("changes");
			assertThat(registry.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("watcher."))
				.hasSize(8)
				.allSatisfy((meter) -> {
					assertThat(meter.getId().getDescription()).isNotBlank();
					assertThat(meter.getId().getBaseUnit()).isNotBlank();
					assertThat(meter.getId().getTags()).containsExactly(Tag.of("watcher", "inbox"));
				});
		});
	}

	@Test
	void runWithObservationRegistryLeavesDispatchTimerToObservation(@TempDir Path root) {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("watcher.watches.inbox.path=" + root)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("watcher.dispatch").meters()).isEmpty();
				assertThat(registry.find("watcher.latency").tag("watcher", "inbox").timer()).isNotNull();
			});
	}

	@Test
	void metersCountPublishedChanges(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Files.writeString(root.resolve("a.txt"), "a");
				Files.writeString(root.resolve("b.txt"), "b");
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					double published = registry.get("watcher.changes.published").functionCounter().count();
					assertThat(published).isGreaterThanOrEqualTo(2);
					assertThat(registry.get("watcher.batch.size").summary().totalAmount()).isEqualTo(published);
				});
				long batches = registry.get("watcher.batch.size").summary().count();
				assertThat(registry.get("watcher.dispatch").timer().count()).isEqualTo(batches);
				assertThat(registry.get("watcher.latency").timer().count()).isEqualTo(batches);
				assertThat(registry.get("watcher.events.received").functionCounter().count()).isGreaterThanOrEqualTo(2);
				assertThat(registry.get("watcher.events.dropped").functionCounter().count()).isZero();
				assertThat(registry.get("watcher.pending").gauge().value()).isZero();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		WatcherMetrics customMetrics(FileWatchers fileWatchers) {
			return new WatcherMetrics(fileWatchers);
		}

	}

}
