package dev.watcher.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.watcher.ChangeBatch;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ObservedDispatch}, through {@link WatcherAutoConfiguration}.
 *
 * @author watcher team
 */
class ObservedDispatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class))
		.withUserConfiguration(RecorderConfiguration.class);

	@Test
	void listenersRunInsideObservationTaggedWithWatcherName(@TempDir Path root) {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				Files.writeString(root.resolve("a.txt"), "a");
				ObservationRecorder recorder = context.getBean(ObservationRecorder.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.batches).isNotEmpty());
				assertThat(recorder.contexts).hasSameSizeAs(recorder.batches).allSatisfy((observation) -> {
					assertThat(observation.getName()).isEqualTo("watcher.dispatch");
					assertThat(observation.getLowCardinalityKeyValues())
						.extracting(KeyValue::getKey, KeyValue::getValue)
						.containsExactly(tuple("watcher", "inbox"));
					assertThat(observation.getHighCardinalityKeyValues()).isEmpty();
				});
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
						.hasObservationWithNameEqualTo("watcher.dispatch")
						.that()
						.hasLowCardinalityKeyValue("watcher", "inbox")
						.hasBeenStarted()
						.hasBeenStopped());
			});
	}

	@Test
	void observationCarriesNoPath(@TempDir Path root) {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				Files.writeString(root.resolve("a.txt"), "a");
				ObservationRecorder recorder = context.getBean(ObservationRecorder.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.contexts).isNotEmpty());
				assertThat(recorder.contexts).allSatisfy((observation) -> assertThat(observation.getAllKeyValues())
					.allSatisfy((keyValue) -> assertThat(keyValue.getValue()).doesNotContain(root.toString())
						.doesNotContain("a.txt")));
			});
	}

	@Test
	void listenersRunWithoutObservationWhenNoRegistryIsDefined(@TempDir Path root) throws IOException {
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> assertBatchWithoutObservation(context.getBean(ObservationRecorder.class), root));
	}

	@Test
	void listenersRunWithoutObservationWhenObservationApiIsMissing(@TempDir Path root) {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertBatchWithoutObservation(context.getBean(ObservationRecorder.class), root);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	private static void assertBatchWithoutObservation(ObservationRecorder recorder, Path root) throws IOException {
		Files.writeString(root.resolve("a.txt"), "a");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.batches).isNotEmpty());
		assertThat(recorder.contexts).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		ObservationRecorder observationRecorder(ObjectProvider<ObservationRegistry> registry) {
			return new ObservationRecorder(registry);
		}

	}

	/**
	 * Records each batch, and the observation that was current while the listener ran, if
	 * any.
	 */
	static class ObservationRecorder {

		final List<ChangeBatch> batches = new CopyOnWriteArrayList<>();

		final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		private final ObjectProvider<ObservationRegistry> registry;

		ObservationRecorder(ObjectProvider<ObservationRegistry> registry) {
			this.registry = registry;
		}

		@EventListener
		void on(ChangeBatch batch) {
			ObservationRegistry registry = this.registry.getIfUnique();
			Observation current = (registry != null) ? registry.getCurrentObservation() : null;
			if (current != null) {
				this.contexts.add((Observation.Context) current.getContextView());
			}
			this.batches.add(batch);
		}

	}

}
