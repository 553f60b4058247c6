/** The agent's level-triggered loop: a pass on every tick, signal or change, backing off while passes fail. */
@NullMarked
package dev.berth.reconciler.loop;

import org.jspecify.annotations.NullMarked;
