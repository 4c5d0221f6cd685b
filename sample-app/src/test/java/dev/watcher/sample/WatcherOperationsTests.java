package dev.watcher.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code watcher} endpoint's operations, once an application allows them.
 *
 * @author watcher team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.watcher.access=unrestricted")
@AutoConfigureRestTestClient
@DirtiesContext
class WatcherOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	static Path sampleRoot;

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void watchTemporaryDirectory(DynamicPropertyRegistry registry) {
		registry.add("watcher.watches.sample.path", () -> sampleRoot.toString());
		registry.add("watcher.watches.sample.debounce", () -> "20ms");
	}

	@Test
	void pauseHoldsChangesBackAndResumePublishesThem() throws IOException {
		assertThat(operate("sample", "pause").read("$.state", String.class)).isEqualTo("PAUSED");
		Files.writeString(sampleRoot.resolve("held.txt"), "x");
		await().atMost(TIMEOUT).until(() -> watcher("sample").read("$.pending", Integer.class) == 1);
		assertThat(watcher("sample").read("$.published", Integer.class)).isZero();
		assertThat(operate("sample", "resume").read("$.state", String.class)).isEqualTo("RUNNING");
		await().atMost(TIMEOUT).until(() -> watcher("sample").read("$.published", Integer.class) == 1);
		assertThat(operate("sample", "resync").read("$.state", String.class)).isEqualTo("RUNNING");
		await().atMost(TIMEOUT).until(() -> watcher("sample").read("$.resyncs", Integer.class) == 1);
		assertThat(watcher("sample").read("$.published", Integer.class)).isOne();
	}

	@Test
	void unknownOperationOrWatcherIsABadRequest() {
		post("/actuator/watcher/sample", "{\"operation\": \"explode\"}").expectStatus().isBadRequest();
		post("/actuator/watcher/sample", "{}").expectStatus().isBadRequest();
		post("/actuator/watcher/unknown", "{\"operation\": \"pause\"}").expectStatus().isBadRequest();
	}

	private DocumentContext operate(String name, String operation) {
		return okJson(post("/actuator/watcher/" + name, "{\"operation\": \"" + operation + "\"}"));
	}

	private RestTestClient.ResponseSpec post(String uri, String json) {
		return this.client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	private DocumentContext watcher(String name) {
		return okJson(this.client.get().uri("/actuator/watcher/" + name).exchange());
	}

	private static DocumentContext okJson(RestTestClient.ResponseSpec response) {
		String body = response.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return JsonPath.parse(body);
	}

}
