package dev.watcher.autoconfigure;

import dev.watcher.BatchObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for watching the directories configured under
 * {@code watcher.watches} and publishing their changes as application events.
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
			ObjectProvider<BatchObserver> observers) {
		return new FileWatchers(properties, eventPublisher, observers);
	}

}
