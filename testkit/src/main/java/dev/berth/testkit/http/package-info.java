/** A real HTTP(S) server on 127.0.0.1 that misbehaves on purpose, and records what it was asked and what it sent. */
@NullMarked
package dev.berth.testkit.http;

import org.jspecify.annotations.NullMarked;
