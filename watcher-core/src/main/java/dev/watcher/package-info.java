/**
 * Watches a directory tree and delivers debounced, coalesced batches of file changes.
 * <p>
 * Start with {@link dev.watcher.FileWatcher#builder(java.nio.file.Path)}.
 */
@NullMarked
package dev.watcher;

import org.jspecify.annotations.NullMarked;
