package dev.watcher.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.watcher.ChangeBatch;
import dev.watcher.FileChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SampleApplication}, against its real web server and real directories.
 *
 * @author watcher team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SampleApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	static Path sampleRoot;

	@TempDir
	static Path idleRoot;

	@Autowired
	private RestTestClient client;

	@Autowired
	private BatchRecorder recorder;

	@DynamicPropertySource
	static void watchTemporaryDirectories(DynamicPropertyRegistry registry) {
		registry.add("watcher.watches.sample.path", () -> sampleRoot.toString());
		registry.add("watcher.watches.sample.debounce", () -> "50ms");
		registry.add("watcher.watches.idle.path", () -> idleRoot.toString());
	}

	@Test
	void listenersReceiveBatchesAndSampleLogsEveryChange(CapturedOutput output) throws IOException {
		Files.writeString(sampleRoot.resolve("a.txt"), "a");
		Files.writeString(sampleRoot.resolve("b.txt"), "b");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.recorder.changes()).extracting(FileChange::relativePath)
				.contains(Path.of("a.txt"), Path.of("b.txt")));
		assertThat(this.recorder.batches).allSatisfy((batch) -> assertThat(batch.watcher()).isEqualTo("sample"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("sample #\\d+ CREATED  a\\.txt \\(\\d+ events?\\)")
				.containsPattern("sample #\\d+ CREATED  b\\.txt \\(\\d+ events?\\)"));
	}

	@Test
	void watcherEndpointShowsEveryWatcher() {
		DocumentContext json = getJson("/actuator/watcher");
		Map<String, Object> watchers = json.read("$.watchers");
		assertThat(watchers).containsOnlyKeys("sample", "idle");
		assertThat(json.read("$.watchers.sample.state", String.class)).isEqualTo("RUNNING");
		assertThat(json.read("$.watchers.sample.root", String.class)).isEqualTo(sampleRoot.toString());
		assertThat(json.read("$.watchers.idle.state", String.class)).isEqualTo("RUNNING");
	}

	@Test
	void watcherEndpointShowsOneWatcherWithEveryField() {
		Map<String, Object> idle = getJson("/actuator/watcher/idle").read("$");
		assertThat(idle).containsOnlyKeys("state", "mode", "root", "received", "published", "batches", "dropped",
				"overflows", "resyncs", "pending", "settling", "pendingPeak", "watchedDirectories",
				"skippedDirectories", "skippedPaths", "listenerErrors", "lastBatchAt");
		assertThat(idle).containsEntry("state", "RUNNING")
			.containsEntry("mode", "native")
			.containsEntry("root", idleRoot.toString())
			.containsEntry("batches", 0)
			.containsEntry("watchedDirectories", 1)
			.containsEntry("skippedPaths", List.of())
			.containsEntry("lastBatchAt", null);
	}

	@Test
	void watcherEndpointWithUnknownNameIsNotFound() {
		this.client.get().uri("/actuator/watcher/unknown").exchange().expectStatus().isNotFound();
	}

	@Test
	void healthShowsWatcherUp() {
		DocumentContext json = getJson("/actuator/health");
		assertThat(json.read("$.components.watcher.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.components.watcher.details.sample.state", String.class)).isEqualTo("RUNNING");
		assertThat(json.read("$.components.watcher.details.idle.root", String.class)).isEqualTo(idleRoot.toString());
	}

	@Test
	void metricsCountPublishedChanges() throws IOException {
		Files.writeString(sampleRoot.resolve("counted.txt"), "counted");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			DocumentContext json = getJson("/actuator/metrics/watcher.changes.published?tag=watcher:sample");
			assertThat(json.read("$.baseUnit", String.class)).isEqualTo("changes");
			assertThat(json.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1);
		});
		await().atMost(TIMEOUT).untilAsserted(() -> {
			DocumentContext json = getJson("/actuator/metrics/watcher.dispatch?tag=watcher:sample");
			assertThat(json.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)).singleElement()
				.asString()
				.isNotEqualTo("0.0");
			assertThat(json.read("$.availableTags[*].tag", List.class)).contains("error");
		});
		DocumentContext lastBatch = getJson("/actuator/watcher/sample");
		assertThat(lastBatch.read("$.lastBatchAt", String.class)).isNotNull();
	}

	@Test
	void watcherEndpointIsReadOnlyByDefault() {
		this.client.post()
			.uri("/actuator/watcher/idle")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"operation\": \"pause\"}")
			.exchange()
			.expectStatus()
			.is4xxClientError();
		assertThat(getJson("/actuator/watcher/idle").read("$.state", String.class)).isEqualTo("RUNNING");
	}

	private DocumentContext getJson(String uri) {
		String body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return JsonPath.parse(body);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecorderConfiguration {

		@Bean
		BatchRecorder batchRecorder() {
			return new BatchRecorder();
		}

	}

	static class BatchRecorder {

		final List<ChangeBatch> batches = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ChangeBatch batch) {
			this.batches.add(batch);
		}

		List<FileChange> changes() {
			return this.batches.stream().flatMap((batch) -> batch.changes().stream()).toList();
		}

	}

}
