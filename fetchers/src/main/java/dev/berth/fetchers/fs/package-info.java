/** Writing into the pool and the state directory as root without being redirected by what is already there. */
@NullMarked
package dev.berth.fetchers.fs;

import org.jspecify.annotations.NullMarked;
