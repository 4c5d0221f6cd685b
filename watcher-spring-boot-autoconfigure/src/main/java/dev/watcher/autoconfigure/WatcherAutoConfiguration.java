package dev.watcher.autoconfigure;

import java.util.function.Consumer;

import dev.watcher.BatchObserver;
import dev.watcher.ChangeBatch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for watching the directories configured under
 * {@code watcher.watches} and publishing their changes as application events. With an
 * {@code ObservationRegistry} bean, each batch is published inside a
 * {@code watcher.dispatch} observation.
 *
 * @author watcher team
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "watcher.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WatcherProperties.class)
public final class WatcherAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FileWatchers fileWatchers(WatcherProperties properties, ApplicationEventPublisher eventPublisher,
			ObjectProvider<BatchObserver> observers, ConfigurableListableBeanFactory beanFactory) {
		Consumer<ChangeBatch> publisher = ObservedDispatch.wrap(eventPublisher::publishEvent, beanFactory,
				beanFactory.getBeanClassLoader());
		return new FileWatchers(properties, publisher, observers);
	}

}
