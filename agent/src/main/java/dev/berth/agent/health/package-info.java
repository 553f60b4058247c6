/** The health gate's adapters: an image's health URL and its units' logs. */
package dev.berth.agent.health;
