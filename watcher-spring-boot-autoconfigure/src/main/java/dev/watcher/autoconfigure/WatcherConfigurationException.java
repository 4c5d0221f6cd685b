package dev.watcher.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@code watcher.watches.*} property does not describe a directory that can
 * be watched. Carries the full property name and what to do about it, so start-up fails
 * with a useful report.
 *
 * @author watcher team
 * @since 0.1.0
 */
public class WatcherConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable Object value;

	private final String reason;

	private final String action;

	/**
	 * Create a new {@link WatcherConfigurationException} instance.
	 * @param property the full name of the property at fault
	 * @param value the property's value, or {@code null} if it is not set
	 * @param reason what is wrong with the value
	 * @param action what to do about it
	 * @param cause the exception that revealed the problem, if any
	 */
	public WatcherConfigurationException(String property, @Nullable Object value, String reason, String action,
			@Nullable Throwable cause) {
		super(describe(property, value, reason), cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	private static String describe(String property, @Nullable Object value, String reason) {
		if (value == null) {
			return "Property '" + property + "' is not set: " + reason;
		}
		return "Invalid value '" + value + "' for property '" + property + "': " + reason;
	}

	/**
	 * Return the full name of the property at fault, such as
	 * {@code watcher.watches.inbox.path}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the property's value.
	 * @return the value, or {@code null} if the property is not set
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return what is wrong with the value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return what to do about the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
