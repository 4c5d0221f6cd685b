package dev.watcher.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link WatcherConfigurationException} into a start-up report that names the
 * property at fault and what to do about it.
 *
 * @author watcher team
 */
class WatcherConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WatcherConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WatcherConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
