/**
 * The end-to-end comparison: the same workloads on real directories, each watcher in its
 * own JVM.
 * <p>
 * Run {@link dev.watcher.bench.Comparison}; each watcher runs in a
 * {@link dev.watcher.bench.WatcherMain} child.
 */
@NullMarked
package dev.watcher.bench;

import org.jspecify.annotations.NullMarked;
