/** git's own daemon on 127.0.0.1, serving test repositories over a real network transport. */
@NullMarked
package dev.berth.testkit.git;

import org.jspecify.annotations.NullMarked;
