/** Image downloads that survive real networks (resume, retries, limits) and the local image pool they land in. */
@NullMarked
package dev.berth.fetchers;

import org.jspecify.annotations.NullMarked;
