/** {@code berth agent}: the long-running daemon that keeps the host converged, and what it needs around the loop. */
@NullMarked
package dev.berth.agent.daemon;

import org.jspecify.annotations.NullMarked;
