package dev.watcher.autoconfigure.actuate;

import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link WatcherEndpoint}.
 *
 * @author watcher team
 * @since 0.1.0
 */
@AutoConfiguration(after = WatcherAutoConfiguration.class)
@ConditionalOnClass(
		name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnBean(FileWatchers.class)
@EnableConfigurationProperties(WatcherEndpointProperties.class)
public final class WatcherEndpointAutoConfiguration {

	// Conditions whose own classes may be missing go on the method: the class condition
	// has to fail first.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	WatcherEndpoint watcherEndpoint(FileWatchers fileWatchers, WatcherEndpointProperties properties) {
		return new WatcherEndpoint(fileWatchers, properties.getShowValues(), properties.getRoles());
	}

}
