/** Berth's state directory: the inventory, written atomically, with a schema version. */
package dev.berth.agent.state;
