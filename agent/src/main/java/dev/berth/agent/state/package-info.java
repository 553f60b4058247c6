/**
 * Berth's state directory: the inventory and the lock, written atomically and never through a link, with a schema
 * version.
 */
@NullMarked
package dev.berth.agent.state;

import org.jspecify.annotations.NullMarked;
