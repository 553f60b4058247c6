/**
 * Staged rollouts: when this host may move to a new version of an image, from its wave, the time the rollout
 * started and the fleet's health. Pure decisions; time, first sightings and the fleet come through ports.
 */
@NullMarked
package dev.berth.reconciler.rollout;

import org.jspecify.annotations.NullMarked;
