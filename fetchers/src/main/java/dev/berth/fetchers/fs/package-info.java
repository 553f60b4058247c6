/** Writing into the pool and the state directory as root without being redirected by what is already there. */
package dev.berth.fetchers.fs;
