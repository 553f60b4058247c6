/** Image downloads that survive real networks (resume, retries, limits) and the local image pool they land in. */
package dev.berth.fetchers;
