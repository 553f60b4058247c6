/** The berth command: CLI, agent daemon, D-Bus adapter, state directory, metrics and the wiring of them all. */
package dev.berth.agent;
