/**
 * Actuator endpoint that shows every watcher's figures.
 */
@NullMarked
package dev.watcher.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
