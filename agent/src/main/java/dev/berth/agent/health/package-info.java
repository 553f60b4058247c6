/** The health gate's adapters: an image's health URL and its units' logs. */
@NullMarked
package dev.berth.agent.health;

import org.jspecify.annotations.NullMarked;
