package dev.watcher.autoconfigure;

import dev.watcher.WatcherState;
import dev.watcher.autoconfigure.actuate.WatcherEndpoint.WatcherDescriptor;
import dev.watcher.autoconfigure.actuate.WatcherEndpoint.WatchersDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WatcherRuntimeHints}.
 *
 * @author watcher team
 */
class WatcherRuntimeHintsTests {

	@Test
	void registrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(WatcherRuntimeHints.class);
	}

	@Test
	void registersWatcherStateForHealthDetails() {
		RuntimeHints hints = registerHints(getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(WatcherState.class)).accepts(hints);
	}

	@Test
	void registersEndpointResponseGetters() {
		RuntimeHints hints = registerHints(getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WatchersDescriptor.class, "getWatchers"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WatcherDescriptor.class, "getRoot"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WatcherDescriptor.class, "getLastBatchAt"))
			.accepts(hints);
	}

	@Test
	void registersNoEndpointTypesWithoutActuator() {
		RuntimeHints hints = registerHints(new FilteredClassLoader("org.springframework.boot.actuate"));
		assertThat(RuntimeHintsPredicates.reflection().onType(WatcherState.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WatcherDescriptor.class)).rejects(hints);
	}

	private static RuntimeHints registerHints(ClassLoader classLoader) {
		RuntimeHints hints = new RuntimeHints();
		new WatcherRuntimeHints().registerHints(hints, classLoader);
		return hints;
	}

}
