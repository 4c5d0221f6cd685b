package dev.watcher.autoconfigure.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.watcher.FileWatcher;
import dev.watcher.WatcherState;
import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatcherHealthContributorAutoConfiguration} and
 * {@link WatcherHealthIndicator}.
 *
 * @author watcher team
 */
class WatcherHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WatcherAutoConfiguration.class, WatcherHealthContributorAutoConfiguration.class));

	@Test
	void runCreatesIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WatcherHealthIndicator.class)
			.hasBean("watcherHealthIndicator"));
	}

	@Test
	void runWhenDisabledDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.watcher.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatcherHealthIndicator.class));
	}

	@Test
	void runWhenWatcherIsDisabledDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("watcher.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatcherHealthIndicator.class));
	}

	@Test
	void runWithUserIndicatorBacksOff() {
		this.contextRunner.withUserConfiguration(CustomIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WatcherHealthIndicator.class)
				.hasBean("watcherHealthIndicator"));
	}

	@Test
	void healthIsUpWhileWatcherRuns(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			Health health = context.getBean(WatcherHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("inbox");
			assertThat(details(health, "inbox")).containsEntry("state", WatcherState.RUNNING)
				.containsEntry("root", root.toString())
				.containsEntry("watchedDirectories", 1)
				.containsEntry("skippedDirectories", 0)
				.doesNotContainKey("reason");
		});
	}

	@Test
	void healthIsDownOnceRootIsDeleted(@TempDir Path temp) throws IOException {
		Path inbox = Files.createDirectory(temp.resolve("inbox"));
		Path outbox = Files.createDirectory(temp.resolve("outbox"));
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + inbox, "watcher.watches.outbox.path=" + outbox)
			.run((context) -> {
				WatcherHealthIndicator indicator = context.getBean(WatcherHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				Files.delete(inbox);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
				Health health = indicator.health();
				assertThat(details(health, "inbox")).containsKey("reason")
					.extractingByKey("reason")
					.asString()
					.contains("'inbox'", "'" + inbox + "'");
				assertThat(details(health, "outbox")).containsEntry("state", WatcherState.RUNNING)
					.doesNotContainKey("reason");
			});
	}

	@Test
	void healthIsDownWhileTheRootIsLostAndUpOnceItIsBack(@TempDir Path temp) throws IOException {
		Path inbox = Files.createDirectory(temp.resolve("inbox"));
		this.contextRunner
			.withPropertyValues("watcher.watches.inbox.path=" + inbox, "watcher.watches.inbox.root-retry=50ms")
			.run((context) -> {
				WatcherHealthIndicator indicator = context.getBean(WatcherHealthIndicator.class);
				Files.delete(inbox);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(details(indicator.health(), "inbox")).containsEntry("state",
							WatcherState.WAITING_FOR_ROOT));
				assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
				Files.createDirectory(inbox);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			});
	}

	@Test
	void healthStaysUpWhileAWatcherIsPaused(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			FileWatcher watcher = context.getBean(FileWatchers.class).get("inbox");
			assertThat(watcher).isNotNull();
			watcher.pause();
			Health health = context.getBean(WatcherHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(details(health, "inbox")).containsEntry("state", WatcherState.PAUSED);
		});
	}

	@Test
	void healthIsDownOnceStopped(@TempDir Path root) {
		this.contextRunner.withPropertyValues("watcher.watches.inbox.path=" + root).run((context) -> {
			context.getBean(FileWatchers.class).stop();
			Health health = context.getBean(WatcherHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(health, "inbox")).containsEntry("state", WatcherState.STOPPED)
				.containsEntry("reason", "Watcher 'inbox' on '" + root + "' is STOPPED");
		});
	}

	@Test
	void healthEndpointHidesComponentByDefault(@TempDir Path root) {
		healthEndpointRunner(root).run((context) -> assertThat(
				health(context.getBean(HealthEndpointWebExtension.class), SecurityContext.NONE, "watcher").getBody())
			.isNull());
	}

	@Test
	void healthEndpointShowingComponentsHidesDetailsByDefault(@TempDir Path root) {
		healthEndpointRunner(root).withPropertyValues("management.endpoint.health.show-components=always")
			.run((context) -> {
				IndicatedHealthDescriptor watcher = watcherHealth(context.getBean(HealthEndpointWebExtension.class));
				assertThat(watcher.getStatus()).isEqualTo(Status.UP);
				assertThat(watcher.getDetails()).isNullOrEmpty();
			});
	}

	@Test
	void healthEndpointHidesDetailsFromUnauthorizedCaller(@TempDir Path root) {
		healthEndpointRunner(root)
			.withPropertyValues("management.endpoint.health.show-components=always",
					"management.endpoint.health.show-details=when-authorized")
			.run((context) -> assertThat(watcherHealth(context.getBean(HealthEndpointWebExtension.class)).getDetails())
				.isNullOrEmpty());
	}

	@Test
	void healthEndpointShowsDetailsWithRootWhenConfigured(@TempDir Path root) {
		healthEndpointRunner(root).withPropertyValues("management.endpoint.health.show-details=always")
			.run((context) -> {
				IndicatedHealthDescriptor watcher = watcherHealth(context.getBean(HealthEndpointWebExtension.class));
				assertThat(watcher.getDetails()).containsKey("inbox");
				assertThat(watcher.getDetails().get("inbox")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("root", root.toString());
			});
	}

	private WebApplicationContextRunner healthEndpointRunner(Path root) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WatcherAutoConfiguration.class,
					WatcherHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, EndpointAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=health",
					"watcher.watches.inbox.path=" + root);
	}

	private static WebEndpointResponse<HealthDescriptor> health(HealthEndpointWebExtension endpoint,
			SecurityContext securityContext, String... path) {
		return endpoint.health(ApiVersion.LATEST, WebServerNamespace.SERVER, securityContext, path);
	}

	private static IndicatedHealthDescriptor watcherHealth(HealthEndpointWebExtension endpoint) {
		Object body = health(endpoint, SecurityContext.NONE, "watcher").getBody();
		assertThat(body).isInstanceOf(IndicatedHealthDescriptor.class);
		return (IndicatedHealthDescriptor) body;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String watcher) {
		return (Map<String, Object>) health.getDetails().get(watcher);
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomIndicatorConfiguration {

		@Bean
		HealthIndicator watcherHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
