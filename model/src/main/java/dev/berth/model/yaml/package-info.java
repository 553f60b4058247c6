/** A YAML reader that keeps the line and column of every value, so every validation error can name them. */
@NullMarked
package dev.berth.model.yaml;

import org.jspecify.annotations.NullMarked;
