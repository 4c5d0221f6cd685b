/**
 * Actuator endpoint that shows every watcher's figures, and the properties that decide
 * whether it shows paths.
 */
@NullMarked
package dev.watcher.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
