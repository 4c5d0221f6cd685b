/**
 * Health indicator that reports whether every watcher is running on an existing
 * directory.
 */
@NullMarked
package dev.watcher.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
