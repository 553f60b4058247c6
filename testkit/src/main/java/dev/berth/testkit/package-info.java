/**
 * Test infrastructure for end-to-end tests: a real systemd with systemd-portabled booted in systemd-nspawn, tiny
 * portable images, and the process and port helpers they need.
 */
@NullMarked
package dev.berth.testkit;

import org.jspecify.annotations.NullMarked;
