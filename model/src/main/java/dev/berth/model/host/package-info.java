/** The observed host: what portabled has attached, in which state, and what lies in the image pool. */
@NullMarked
package dev.berth.model.host;

import org.jspecify.annotations.NullMarked;
