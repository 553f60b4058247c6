/**
 * A fleet seen from one host: who this host is, which manifest entries are meant for it, when a new version rolls
 * out to it, and when it may restart its units (its maintenance windows). Pure values and arithmetic; no I/O, no
 * clock of their own.
 */
@NullMarked
package dev.berth.model.fleet;

import org.jspecify.annotations.NullMarked;
