package dev.watcher.autoconfigure;

import java.util.function.Consumer;

import dev.watcher.ChangeBatch;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Publishes each batch inside a {@code watcher.dispatch} {@link Observation}, whose only
 * key value is the watcher's name: a path would give every file its own series. The
 * registry is looked up per batch rather than when the watchers are built, so that one
 * defined after them is still used. Only this class refers to Micrometer's observation
 * API, so the starter works without it.
 *
 * @author watcher team
 */
final class ObservedDispatch implements Consumer<ChangeBatch> {

	/**
	 * Name of the observation.
	 */
	static final String NAME = "watcher.dispatch";

	/**
	 * Low-cardinality key that carries the watcher's name.
	 */
	static final String WATCHER_KEY = "watcher";

	private static final String REGISTRY_CLASS = "io.micrometer.observation.ObservationRegistry";

	private final Consumer<ChangeBatch> delegate;

	private final ObjectProvider<ObservationRegistry> registry;

	private ObservedDispatch(Consumer<ChangeBatch> delegate, ObjectProvider<ObservationRegistry> registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	/**
	 * Return the given publisher, observed when Micrometer's observation API is on the
	 * class path.
	 * @param publisher publishes a batch to the listeners
	 * @param beanFactory the bean factory to find the {@link ObservationRegistry} in
	 * @param classLoader the class loader of the application
	 * @return the publisher to hand to the watchers
	 */
	static Consumer<ChangeBatch> wrap(Consumer<ChangeBatch> publisher, ListableBeanFactory beanFactory,
			@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(REGISTRY_CLASS, classLoader)) {
			return publisher;
		}
		return new ObservedDispatch(publisher, beanFactory.getBeanProvider(ObservationRegistry.class));
	}

	@Override
	public void accept(ChangeBatch batch) {
		ObservationRegistry registry = this.registry.getIfUnique();
		if (registry == null) {
			this.delegate.accept(batch);
			return;
		}
		Observation.createNotStarted(NAME, registry)
			.lowCardinalityKeyValue(WATCHER_KEY, batch.watcher())
			.observe(() -> this.delegate.accept(batch));
	}

}
