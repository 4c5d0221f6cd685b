package dev.watcher.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.watcher.BatchObserver;
import dev.watcher.ChangeBatch;
import dev.watcher.ChangeKind;
import dev.watcher.FileChange;
import dev.watcher.FileWatcher;
import dev.watcher.WatcherState;
import dev.watcher.autoconfigure.actuate.WatcherEndpointAutoConfiguration;
import dev.watcher.autoconfigure.health.WatcherHealthContributorAutoConfiguration;
import dev.watcher.autoconfigure.metrics.WatcherMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatcherAutoConfiguration}.
 *
 * @author watcher team
 */
class WatcherAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class));

	@Test
	void runWithoutWatchesCreatesEmptyFileWatchers() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FileWatchers.class).hasSingleBean(WatcherProperties.class);
			assertThat(context.getBean(FileWatchers.class).watchers()).isEmpty();
		});
	}

	@Test
	void runStartsConfiguredWatcher(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			FileWatchers fileWatchers = context.getBean(FileWatchers.class);
			assertThat(fileWatchers.isRunning()).isTrue();
			FileWatcher watcher = fileWatchers.get("inbox");
			assertThat(watcher).isNotNull();
			assertThat(watcher.name()).isEqualTo("inbox");
			assertThat(watcher.root()).isEqualTo(root.toAbsolutePath().normalize());
			assertThat(watcher.state()).isEqualTo(WatcherState.RUNNING);
			assertThat(fileWatchers.get("outbox")).isNull();
		});
	}

	@Test
	void misspeltKeyFailsStartUpInsteadOfDroppingTheWatcher(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.pathh=" + root).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(UnboundConfigurationPropertiesException.class)
				.hasMessageContaining("watcher.watches.inbox.pathh");
		});
	}

	@Test
	void misspeltOptionalKeyFailsStartUp(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debouce=50ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("watcher.watches.inbox.debouce"));
	}

	@Test
	void runWhenDisabledCreatesNoBeans(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("watcher.enabled=false", "watcher.watches.inbox.path=" + root.resolve("missing"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FileWatchers.class)
				.doesNotHaveBean(WatcherProperties.class));
	}

	@Test
	void watchHasDefaultsOfCore(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			WatcherProperties.Watch watch = context.getBean(WatcherProperties.class).getWatches().get("inbox");
			assertThat(watch.getPath()).isEqualTo(root);
			assertThat(watch.isRecursive()).isTrue();
			assertThat(watch.getInclude()).isEmpty();
			assertThat(watch.getExclude()).isEmpty();
			assertThat(watch.getDebounce()).isEqualTo(FileWatcher.Builder.DEFAULT_DEBOUNCE).hasMillis(100);
			assertThat(watch.getMaxWait()).isEqualTo(FileWatcher.Builder.DEFAULT_MAX_WAIT).hasSeconds(1);
			assertThat(watch.getMaxBatchSize()).isEqualTo(FileWatcher.Builder.DEFAULT_MAX_BATCH_SIZE).isEqualTo(50);
			assertThat(watch.getMaxPending()).isEqualTo(FileWatcher.Builder.DEFAULT_MAX_PENDING).isEqualTo(1000);
			assertThat(watch.isCreateMissing()).isFalse();
		});
	}

	@Test
	void watchPropertiesAreBound(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.recursive=false",
					"watcher.watches.inbox.include=**/*.txt,*.md", "watcher.watches.inbox.exclude=tmp",
					"watcher.watches.inbox.debounce=250ms", "watcher.watches.inbox.max-wait=2s",
					"watcher.watches.inbox.max-batch-size=10", "watcher.watches.inbox.max-pending=20",
					"watcher.watches.inbox.create-missing=true")
			.run((context) -> {
				WatcherProperties.Watch watch = context.getBean(WatcherProperties.class).getWatches().get("inbox");
				assertThat(watch.isRecursive()).isFalse();
				assertThat(watch.getInclude()).containsExactly("**/*.txt", "*.md");
				assertThat(watch.getExclude()).containsExactly("tmp");
				assertThat(watch.getDebounce()).hasMillis(250);
				assertThat(watch.getMaxWait()).hasSeconds(2);
				assertThat(watch.getMaxBatchSize()).isEqualTo(10);
				assertThat(watch.getMaxPending()).isEqualTo(20);
				assertThat(watch.isCreateMissing()).isTrue();
			});
	}

	@Test
	void watchersKeepConfiguredOrder(@TempDir Path root) throws IOException {
		Path zeta = Files.createDirectory(root.resolve("zeta"));
		Path alpha = Files.createDirectory(root.resolve("alpha"));
		Path middle = Files.createDirectory(root.resolve("middle"));
		this.contextRunner
			.withPropertyValues("watcher.watches.zeta.path=" + zeta, "watcher.watches.alpha.path=" + alpha,
					"watcher.watches.middle.path=" + middle)
			.run((context) -> {
				FileWatchers fileWatchers = context.getBean(FileWatchers.class);
				assertThat(fileWatchers.watchers()).extracting(FileWatcher::name)
					.containsExactly("zeta", "alpha", "middle");
				assertThat(fileWatchers.stats()).containsOnlyKeys("zeta", "alpha", "middle");
			});
	}

	@Test
	void createMissingCreatesRoot(@TempDir Path temp) {
		Path root = temp.resolve("a/b/inbox");
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.create-missing=true")
			.run((context) -> {
				assertThat(root).isDirectory();
				assertThat(context.getBean(FileWatchers.class).get("inbox").state()).isEqualTo(WatcherState.RUNNING);
			});
	}

	@Test
	void batchIsPublishedAsApplicationEvent(@TempDir Path root) {
		this.contextRunner.withUserConfiguration(RecorderConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				Files.writeString(root.resolve("a.txt"), "a");
				BatchRecorder recorder = context.getBean(BatchRecorder.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.changes()).anySatisfy((change) -> {
					assertThat(change.relativePath()).isEqualTo(Path.of("a.txt"));
					assertThat(change.kind()).isEqualTo(ChangeKind.CREATED);
				}));
				ChangeBatch batch = recorder.all.get(0);
				assertThat(batch.watcher()).isEqualTo("inbox");
				assertThat(batch.root()).isEqualTo(root.toAbsolutePath().normalize());
				assertThat(batch.sequence()).isEqualTo(1);
			});
	}

	@Test
	void eventListenerConditionSelectsWatcher(@TempDir Path root) throws IOException {
		Path inbox = Files.createDirectory(root.resolve("in"));
		Path outbox = Files.createDirectory(root.resolve("out"));
		this.contextRunner.withUserConfiguration(RecorderConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + inbox, "watcher.watches.outbox.path=" + outbox,
					"watcher.watches.inbox.debounce=20ms", "watcher.watches.outbox.debounce=20ms")
			.run((context) -> {
				Files.writeString(outbox.resolve("out.txt"), "out");
				Files.writeString(inbox.resolve("in.txt"), "in");
				BatchRecorder recorder = context.getBean(BatchRecorder.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(recorder.all).extracting(ChangeBatch::watcher)
						.contains("inbox", "outbox"));
				assertThat(recorder.inbox).isNotEmpty().allSatisfy((batch) -> {
					assertThat(batch.watcher()).isEqualTo("inbox");
					assertThat(batch.changes()).extracting(FileChange::relativePath).containsOnly(Path.of("in.txt"));
				});
			});
	}

	@Test
	void includeAndExcludeFilterReportedPaths(@TempDir Path root) {
		this.contextRunner.withUserConfiguration(RecorderConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.include=*.txt",
					"watcher.watches.inbox.exclude=skip*", "watcher.watches.inbox.debounce=50ms")
			.run((context) -> {
				Files.writeString(root.resolve("a.log"), "a");
				Files.writeString(root.resolve("skip.txt"), "skip");
				Files.writeString(root.resolve("b.txt"), "b");
				BatchRecorder recorder = context.getBean(BatchRecorder.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(recorder.changes()).extracting(FileChange::relativePath)
						.contains(Path.of("b.txt")));
				assertThat(recorder.changes()).extracting(FileChange::relativePath).containsOnly(Path.of("b.txt"));
			});
	}

	@Test
	void batchObserverBeansAreToldAboutBatches(@TempDir Path root) {
		this.contextRunner.withUserConfiguration(ObserverConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				Files.writeString(root.resolve("a.txt"), "a");
				RecordingObserver observer = context.getBean(RecordingObserver.class);
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(observer.batches).isNotEmpty());
				assertThat(observer.batches.get(0).changes()).extracting(FileChange::relativePath)
					.containsExactly(Path.of("a.txt"));
			});
	}

	@Test
	void stopPublishesPendingChanges(@TempDir Path root) {
		this.contextRunner.withUserConfiguration(RecorderConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=1h",
					"watcher.watches.inbox.max-wait=1h")
			.run((context) -> {
				FileWatchers fileWatchers = context.getBean(FileWatchers.class);
				Files.writeString(root.resolve("a.txt"), "a");
				await().atMost(TIMEOUT).until(() -> fileWatchers.get("inbox").stats().pending() == 1);
				context.stop();
				assertThat(context.getBean(BatchRecorder.class).changes()).extracting(FileChange::relativePath)
					.containsExactly(Path.of("a.txt"));
				assertThat(fileWatchers.isRunning()).isFalse();
				assertThat(fileWatchers.get("inbox").state()).isEqualTo(WatcherState.STOPPED);
			});
	}

	@Test
	void startAfterStopWatchesAgain(@TempDir Path root) {
		this.contextRunner.withUserConfiguration(RecorderConfiguration.class)
			.withPropertyValues("watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				FileWatchers fileWatchers = context.getBean(FileWatchers.class);
				FileWatcher first = fileWatchers.get("inbox");
				context.stop();
				context.start();
				FileWatcher second = fileWatchers.get("inbox");
				assertThat(second).isNotSameAs(first);
				assertThat(second.state()).isEqualTo(WatcherState.RUNNING);
				Files.writeString(root.resolve("a.txt"), "a");
				BatchRecorder recorder = context.getBean(BatchRecorder.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(recorder.changes()).extracting(FileChange::relativePath)
						.contains(Path.of("a.txt")));
			});
	}

	@Test
	void runWithoutActuatorOrMicrometerCreatesOnlyFileWatchers(@TempDir Path root) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class,
					WatcherEndpointAutoConfiguration.class, WatcherHealthContributorAutoConfiguration.class,
					WatcherMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "io.micrometer"))
			.withPropertyValues("watcher.watches.inbox.path=" + root,
					"management.endpoints.web.exposure.include=watcher")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(FileWatchers.class);
				assertThat(context).doesNotHaveBean("watcherEndpoint")
					.doesNotHaveBean("watcherHealthIndicator")
					.doesNotHaveBean("watcherMetrics");
				assertThat(context.getBean(FileWatchers.class).get("inbox").state()).isEqualTo(WatcherState.RUNNING);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		BatchRecorder batchRecorder() {
			return new BatchRecorder();
		}

	}

	static class BatchRecorder {

		final List<ChangeBatch> all = new CopyOnWriteArrayList<>();

		final List<ChangeBatch> inbox = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ChangeBatch batch) {
			this.all.add(batch);
		}

		@EventListener(condition = "#batch.watcher() == 'inbox'")
		void onInbox(ChangeBatch batch) {
			this.inbox.add(batch);
		}

		List<FileChange> changes() {
			return this.all.stream().flatMap((batch) -> batch.changes().stream()).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObserverConfiguration {

		@Bean
		RecordingObserver recordingObserver() {
			return new RecordingObserver();
		}

	}

	static class RecordingObserver implements BatchObserver {

		final List<ChangeBatch> batches = new CopyOnWriteArrayList<>();

		@Override
		public void batchPublished(ChangeBatch batch, long latencyNanos, long dispatchNanos) {
			this.batches.add(batch);
		}

	}

}
