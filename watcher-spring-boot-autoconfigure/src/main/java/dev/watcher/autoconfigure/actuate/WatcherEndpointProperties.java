package dev.watcher.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the {@link WatcherEndpoint}. The keys sit beside the
 * endpoint's {@code access}, as those of Spring Boot's {@code env} and
 * {@code configprops} endpoints do.
 *
 * @author watcher team
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.watcher")
public class WatcherEndpointProperties {

	/**
	 * When to show the watched paths: each watcher's root and the directories it skipped.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown the watched paths.
	 * When empty, all authenticated users are authorized.
	 */
	private final Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
