/**
 * Test infrastructure for end-to-end tests: a real systemd with systemd-portabled booted in systemd-nspawn, tiny
 * portable images, and the process and port helpers they need.
 */
package dev.berth.testkit;
