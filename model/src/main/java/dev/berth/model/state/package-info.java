/** Berth's own memory on a host: what it attached and which pool files it downloaded and verified. */
@NullMarked
package dev.berth.model.state;

import org.jspecify.annotations.NullMarked;
