/** git's own daemon on 127.0.0.1, serving test repositories over a real network transport. */
package dev.berth.testkit.git;
