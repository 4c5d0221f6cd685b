/**
 * Micrometer meters for every watcher.
 */
@NullMarked
package dev.watcher.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
