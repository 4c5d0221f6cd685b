package dev.watcher.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the annotation processors ran on this module's classes: nothing else fails
 * when they are silently skipped.
 *
 * @author watcher team
 */
class GeneratedMetadataTests {

	@Test
	void configurationMetadataDescribesEveryProperty() throws IOException {
		String metadata = readGenerated("META-INF/spring-configuration-metadata.json");
		List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("watcher.enabled", "watcher.watches", "management.endpoint.watcher.access");
		assertThat(properties).allSatisfy((property) -> assertThat(property.get("description")).as("%s", property)
			.asString()
			.isNotBlank()
			.doesNotStartWith("The "));
		assertThat(properties).filteredOn((property) -> property.get("name").equals("watcher.enabled"))
			.singleElement()
			.satisfies((property) -> assertThat(property).containsEntry("defaultValue", true));
	}

	@Test
	void autoConfigurationMetadataIsGenerated() throws IOException {
		assertThat(readGenerated("META-INF/spring-autoconfigure-metadata.properties"))
			.contains("dev.watcher.autoconfigure.metrics.WatcherMetricsAutoConfiguration.ConditionalOnClass="
					+ "io.micrometer.core.instrument.MeterRegistry");
	}

	private String readGenerated(String name) throws IOException {
		URL location = WatcherProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { location }, null)) {
			InputStream resource = classLoader.getResourceAsStream(name);
			assertThat(resource).as("%s in %s", name, location).isNotNull();
			try (resource) {
				return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
	}

}
