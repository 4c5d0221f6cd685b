/**
 * Auto-configuration for watcher: properties, the {@link FileWatchers} bean and failure
 * analysis.
 */
@NullMarked
package dev.watcher.autoconfigure;

import org.jspecify.annotations.NullMarked;
