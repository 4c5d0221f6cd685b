package dev.watcher.autoconfigure;

import dev.watcher.WatcherState;
import dev.watcher.autoconfigure.actuate.WatcherEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for what Jackson renders in a native image. The health
 * details hold each watcher's {@link WatcherState} under a map of {@code Object}s, so no
 * declared type leads the AOT engine to it. The endpoint's response types are registered
 * too, so that a user's own {@link WatcherEndpoint} bean, created where the AOT engine
 * does not see its operations, still renders.
 *
 * @author watcher team
 */
class WatcherRuntimeHints implements RuntimeHintsRegistrar {

	private static final String OPERATION_RESPONSE_BODY = "org.springframework.boot.actuate.endpoint."
			+ "OperationResponseBody";

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), WatcherState.class);
		if (ClassUtils.isPresent(OPERATION_RESPONSE_BODY, classLoader)) {
			this.bindingRegistrar.registerReflectionHints(hints.reflection(), WatcherEndpoint.WatchersDescriptor.class,
					WatcherEndpoint.WatcherDescriptor.class);
		}
	}

}
