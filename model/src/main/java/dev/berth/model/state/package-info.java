/** Berth's own memory on a host: what it attached and which pool files it downloaded and verified. */
package dev.berth.model.state;
