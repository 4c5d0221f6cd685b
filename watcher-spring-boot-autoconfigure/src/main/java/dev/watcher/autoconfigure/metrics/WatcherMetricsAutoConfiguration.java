package dev.watcher.autoconfigure.metrics;

import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for {@link WatcherMetrics}. Like Spring Boot's own binders, it needs
 * a {@code MeterRegistry} bean, since without one nothing would read the meters.
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

	private static final String OBSERVATION_REGISTRY = "io.micrometer.observation.ObservationRegistry";

	@Bean
	@ConditionalOnMissingBean
	WatcherMetrics watcherMetrics(FileWatchers fileWatchers, ConfigurableListableBeanFactory beanFactory) {
		return new WatcherMetrics(fileWatchers, !isDispatchObserved(beanFactory, beanFactory.getBeanClassLoader()));
	}

	/**
	 * Return whether the watchers publish inside an observation, as
	 * {@code WatcherAutoConfiguration} arranges when there is one
	 * {@code ObservationRegistry}; the observation then records the
	 * {@code watcher.dispatch} timer.
	 */
	private static boolean isDispatchObserved(ConfigurableListableBeanFactory beanFactory,
			@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(OBSERVATION_REGISTRY, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(OBSERVATION_REGISTRY, classLoader);
		return beanFactory.getBeanProvider(type).getIfUnique() != null;
	}

}
