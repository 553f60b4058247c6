/** The agent's level-triggered loop: a pass on every tick, signal or change, backing off while passes fail. */
package dev.berth.reconciler.loop;
