package dev.watcher.autoconfigure.metrics;

import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link WatcherMetrics}. Like Spring Boot's own binders, it needs a
 * {@code MeterRegistry} bean, since without one nothing would read the meters.
 *
 * @author watcher team
 * @since 0.1.0
 */
@AutoConfiguration(after = WatcherAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(value = FileWatchers.class, type = "io.micrometer.core.instrument.MeterRegistry")
public final class WatcherMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WatcherMetrics watcherMetrics(FileWatchers fileWatchers) {
		return new WatcherMetrics(fileWatchers);
	}

}
