/** The berth command: CLI, agent daemon, D-Bus adapter, state directory, metrics and the wiring of them all. */
@NullMarked
package dev.berth.agent;

import org.jspecify.annotations.NullMarked;
