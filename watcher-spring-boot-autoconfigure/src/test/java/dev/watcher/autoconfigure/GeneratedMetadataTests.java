package dev.watcher.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the annotation processors ran on this module's classes, and that the
 * configuration metadata they write describes every key: nothing else fails when they are
 * silently skipped or a new property goes undescribed.
 *
 * @author watcher team
 */
class GeneratedMetadataTests {

	private static final String WATCH_PREFIX = "watcher.watches.*.";

	@Test
	void configurationMetadataDescribesEveryProperty() throws IOException {
		Map<String, Map<String, Object>> properties = readProperties();
		assertThat(properties).containsKeys("watcher.enabled", "watcher.watches", "management.endpoint.watcher.access");
		assertThat(properties.values())
			.allSatisfy((property) -> assertThat(property.get("description")).as("%s", property)
				.asString()
				.isNotBlank()
				.doesNotStartWith("The ")
				.endsWith("."));
	}

	@Test
	void configurationMetadataDescribesEveryWatcherProperty() throws IOException {
		assertDescribed(readProperties(), "watcher.", WatcherProperties.class, WatcherProperties::new);
	}

	@Test
	void configurationMetadataDescribesEveryPerWatchProperty() throws IOException {
		assertDescribed(readProperties(), WATCH_PREFIX, WatcherProperties.Watch.class, WatcherProperties.Watch::new);
	}

	@Test
	void configurationMetadataHasNoPerWatchKeyWithoutProperty() throws IOException {
		List<String> names = Arrays.stream(BeanUtils.getPropertyDescriptors(WatcherProperties.Watch.class))
			.filter((descriptor) -> descriptor.getWriteMethod() != null)
			.map((descriptor) -> WATCH_PREFIX + DataObjectPropertyName.toDashedForm(descriptor.getName()))
			.toList();
		assertThat(readProperties().keySet()).filteredOn((name) -> name.startsWith(WATCH_PREFIX))
			.containsExactlyInAnyOrderElementsOf(names);
	}

	@Test
	void configurationMetadataHasEndpointDefaults() throws IOException {
		Map<String, Map<String, Object>> properties = readProperties();
		assertThat(properties.get("management.endpoint.watcher.access")).containsEntry("defaultValue", "read_only");
		assertThat(properties.get("management.endpoint.watcher.show-values")).containsEntry("defaultValue", "never");
		assertThat(properties).containsKey("management.endpoint.watcher.roles");
	}

	@Test
	void autoConfigurationMetadataIsGenerated() throws IOException {
		assertThat(readGenerated("META-INF/spring-autoconfigure-metadata.properties"))
			.contains("dev.watcher.autoconfigure.metrics.WatcherMetricsAutoConfiguration.ConditionalOnClass="
					+ "io.micrometer.core.instrument.MeterRegistry");
	}

	/**
	 * Assert that every bound property of the given type has a description and, when a
	 * new instance holds a value for it, a default that converts to that value. Maps are
	 * exempt from the default: their entries are described by keys of their own.
	 */
	private static <T> void assertDescribed(Map<String, Map<String, Object>> properties, String prefix, Class<T> type,
			Supplier<T> factory) {
		T instance = factory.get();
		List<PropertyDescriptor> descriptors = Arrays.stream(BeanUtils.getPropertyDescriptors(type))
			.filter((descriptor) -> descriptor.getReadMethod() != null && !descriptor.getName().equals("class"))
			.toList();
		assertThat(descriptors).isNotEmpty();
		assertThat(descriptors).allSatisfy((descriptor) -> {
			String name = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
			assertThat(properties).as("metadata for %s", name).containsKey(name);
			Map<String, Object> property = properties.get(name);
			assertThat(property.get("description")).as("description of %s", name).asString().isNotBlank();
			Object value = descriptor.getReadMethod().invoke(instance);
			if (value == null) {
				assertThat(property).as("metadata for %s, which has no default", name)
					.doesNotContainKey("defaultValue");
			}
			else if (!(value instanceof Map)) {
				assertThat(property).as("metadata for %s", name).containsKey("defaultValue");
				assertThat(convert(property.get("defaultValue"), descriptor)).as("default of %s", name)
					.isEqualTo(value);
			}
		});
	}

	private static @Nullable Object convert(@Nullable Object defaultValue, PropertyDescriptor descriptor) {
		TypeDescriptor target = new TypeDescriptor(new MethodParameter(descriptor.getReadMethod(), -1));
		return ApplicationConversionService.getSharedInstance()
			.convert(defaultValue, TypeDescriptor.forObject(defaultValue), target);
	}

	private Map<String, Map<String, Object>> readProperties() throws IOException {
		String metadata = readGenerated("META-INF/spring-configuration-metadata.json");
		List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties");
		Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
		properties.forEach((property) -> byName.put((String) property.get("name"), property));
		return byName;
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
