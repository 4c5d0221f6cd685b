/**
 * Sample application that watches a directory and logs every batch of changes.
 */
@NullMarked
package dev.watcher.sample;

import org.jspecify.annotations.NullMarked;
