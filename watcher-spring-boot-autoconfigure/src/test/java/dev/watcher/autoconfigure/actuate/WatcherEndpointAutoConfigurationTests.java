package dev.watcher.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import dev.watcher.WatchMode;
import dev.watcher.WatcherState;
import dev.watcher.WatcherStats;
import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;
import dev.watcher.autoconfigure.actuate.WatcherEndpoint.WatcherDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatcherEndpointAutoConfiguration} and {@link WatcherEndpoint}.
 *
 * @author watcher team
 */
class WatcherEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class, WatcherEndpointAutoConfiguration.class,
				JacksonEndpointAutoConfiguration.class));

	@Test
	void runWhenNotExposedDoesNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WatcherEndpoint.class));
	}

	@Test
	void runWhenExposedCreatesEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=watcher")
			.run((context) -> assertThat(context).hasSingleBean(WatcherEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneDoesNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WatcherEndpoint.class));
	}

	@Test
	void runWhenWatcherIsDisabledDoesNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher", "watcher.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatcherEndpoint.class));
	}

	@Test
	void runWithUserEndpointBacksOff() {
		this.contextRunner.withUserConfiguration(CustomEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=watcher")
			.run((context) -> assertThat(context).hasSingleBean(WatcherEndpoint.class).hasBean("customEndpoint"));
	}

	@Test
	void watchersShowsEveryWatcherInOrder(@TempDir Path temp) throws IOException {
		Path outbox = Files.createDirectory(temp.resolve("out"));
		Path inbox = Files.createDirectory(temp.resolve("in"));
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.show-values=always", "watcher.watches.outbox.path=" + outbox,
					"watcher.watches.inbox.path=" + inbox)
			.run((context) -> {
				Map<String, WatcherDescriptor> watchers = context.getBean(WatcherEndpoint.class)
					.watchers(SecurityContext.NONE)
					.getWatchers();
				assertThat(watchers).containsOnlyKeys("outbox", "inbox");
				assertThat(watchers.keySet()).containsExactly("outbox", "inbox");
				assertThat(watchers.get("inbox").getRoot()).isEqualTo(inbox.toString());
			});
	}

	@Test
	void watcherShowsFiguresOfStartedWatcher(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.show-values=always", "watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherDescriptor watcher = context.getBean(WatcherEndpoint.class)
					.watcher(SecurityContext.NONE, "inbox");
				assertThat(watcher).isNotNull();
				assertThat(watcher.getState()).isEqualTo(WatcherState.RUNNING);
				assertThat(watcher.getRoot()).isEqualTo(root.toString());
				assertThat(watcher.getReceived()).isZero();
				assertThat(watcher.getPublished()).isZero();
				assertThat(watcher.getBatches()).isZero();
				assertThat(watcher.getDropped()).isZero();
				assertThat(watcher.getOverflows()).isZero();
				assertThat(watcher.getPending()).isZero();
				assertThat(watcher.getPendingPeak()).isZero();
				assertThat(watcher.getWatchedDirectories()).isEqualTo(1);
				assertThat(watcher.getSkippedDirectories()).isZero();
				assertThat(watcher.getSkippedPaths()).isEmpty();
				assertThat(watcher.getListenerErrors()).isZero();
				assertThat(watcher.getLastBatchAt()).isNull();
			});
	}

	@Test
	void watcherWithUnknownNameIsNull(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"watcher.watches.inbox.path=" + root)
			.run((context) -> assertThat(context.getBean(WatcherEndpoint.class).watcher(SecurityContext.NONE, "outbox"))
				.isNull());
	}

	@Test
	void watcherCountsPublishedBatch(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"watcher.watches.inbox.path=" + root, "watcher.watches.inbox.debounce=20ms")
			.run((context) -> {
				Instant before = Instant.now();
				Files.writeString(root.resolve("a.txt"), "a");
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(endpoint.watcher(SecurityContext.NONE, "inbox").getBatches())
						.isPositive());
				WatcherDescriptor watcher = endpoint.watcher(SecurityContext.NONE, "inbox");
				assertThat(watcher.getReceived()).isPositive();
				assertThat(watcher.getPublished()).isPositive();
				assertThat(Instant.parse(watcher.getLastBatchAt())).isAfterOrEqualTo(before);
			});
	}

	@Test
	void jsonHasEveryFieldIncludingNullLastBatchAt(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.show-values=always", "watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				String json = context.getBean(EndpointJsonMapper.class)
					.get()
					.writeValueAsString(endpoint.watchers(SecurityContext.NONE));
				Map<String, Object> inbox = JsonPath.read(json, "$.watchers.inbox");
				assertThat(inbox).containsOnlyKeys("state", "mode", "root", "received", "published", "batches",
						"dropped", "overflows", "resyncs", "pending", "settling", "pendingPeak", "watchedDirectories",
						"skippedDirectories", "skippedPaths", "listenerErrors", "lastBatchAt");
				assertThat(inbox).containsEntry("state", "RUNNING")
					.containsEntry("mode", "native")
					.containsEntry("root", root.toString())
					.containsEntry("lastBatchAt", null);
			});
	}

	@Test
	void pathsAreMaskedByDefault(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				assertThat(endpoint.watcher(SecurityContext.NONE, "inbox").getRoot()).isEqualTo("******");
				assertThat(endpoint.watchers(SecurityContext.NONE).getWatchers().get("inbox").getRoot())
					.isEqualTo("******");
				assertThat(endpoint.watcher(user("admin"), "inbox").getRoot()).isEqualTo("******");
				assertThat(endpoint.watcher(SecurityContext.NONE, "inbox").getWatchedDirectories()).isEqualTo(1);
			});
	}

	@Test
	void pathsAreShownWhenAuthorizedToUserInRole(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.show-values=when-authorized",
					"management.endpoint.watcher.roles=admin", "watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				assertThat(endpoint.watcher(user("admin"), "inbox").getRoot()).isEqualTo(root.toString());
				assertThat(endpoint.watchers(user("admin")).getWatchers().get("inbox").getRoot())
					.isEqualTo(root.toString());
				assertThat(endpoint.watcher(user("viewer"), "inbox").getRoot()).isEqualTo("******");
				assertThat(endpoint.watcher(SecurityContext.NONE, "inbox").getRoot()).isEqualTo("******");
			});
	}

	@Test
	void pathsAreShownWhenAuthorizedToAnyUserWithoutRoles(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"management.endpoint.watcher.show-values=when-authorized", "watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				assertThat(endpoint.watcher(user("viewer"), "inbox").getRoot()).isEqualTo(root.toString());
				assertThat(endpoint.watcher(SecurityContext.NONE, "inbox").getRoot()).isEqualTo("******");
			});
	}

	@Test
	void skippedPathsAreMaskedButCounted() {
		WatcherStats stats = stats(List.of(Path.of("/srv/inbox/private"), Path.of("/srv/inbox/locked")));
		WatcherDescriptor masked = new WatcherDescriptor(stats, false);
		assertThat(masked.getSkippedPaths()).containsExactly("******", "******");
		assertThat(masked.getSkippedDirectories()).isEqualTo(2);
		assertThat(new WatcherDescriptor(stats, true).getSkippedPaths()).containsExactly("/srv/inbox/private",
				"/srv/inbox/locked");
	}

	@Test
	void maskedJsonStillHasEveryCount(@TempDir Path root) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=watcher",
					"watcher.watches.inbox.path=" + root)
			.run((context) -> {
				WatcherEndpoint endpoint = context.getBean(WatcherEndpoint.class);
				String json = context.getBean(EndpointJsonMapper.class)
					.get()
					.writeValueAsString(endpoint.watchers(SecurityContext.NONE));
				assertThat(json).doesNotContain(root.toString());
				Map<String, Object> inbox = JsonPath.read(json, "$.watchers.inbox");
				assertThat(inbox).containsEntry("root", "******").containsEntry("watchedDirectories", 1);
			});
	}

	private static SecurityContext user(String role) {
		Principal principal = () -> "alice";
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String name) {
				return name.equals(role);
			}

		};
	}

	private static WatcherStats stats(List<Path> skippedPaths) {
		return new WatcherStats("inbox", WatcherState.RUNNING, WatchMode.NATIVE, Path.of("/srv/inbox"), 0, 0, 0, 0, 0,
				0, 0, 0, 0, 1, skippedPaths.size(), skippedPaths, 0, null);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		WatcherEndpoint customEndpoint(FileWatchers fileWatchers) {
			return new WatcherEndpoint(fileWatchers, Show.ALWAYS, Set.of());
		}

	}

}
