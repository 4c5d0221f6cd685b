package dev.watcher.autoconfigure.health;

import dev.watcher.autoconfigure.FileWatchers;
import dev.watcher.autoconfigure.WatcherAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link WatcherHealthIndicator}, which appears as the
 * {@code watcher} health component.
 *
 * @author watcher team
 * @since 0.1.0
 */
@AutoConfiguration(after = WatcherAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(
		name = "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator")
@ConditionalOnBean(FileWatchers.class)
public final class WatcherHealthContributorAutoConfiguration {

	// Conditions whose own classes may be missing go on the method: the class condition
	// has to fail first.
	@Bean
	@ConditionalOnMissingBean(name = "watcherHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("watcher")
	WatcherHealthIndicator watcherHealthIndicator(FileWatchers fileWatchers) {
		return new WatcherHealthIndicator(fileWatchers);
	}

}
