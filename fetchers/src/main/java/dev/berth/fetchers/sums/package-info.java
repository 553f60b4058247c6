/** Image hashes from a signed SHA256SUMS list, believed only once its detached OpenPGP signature checks out. */
@NullMarked
package dev.berth.fetchers.sums;

import org.jspecify.annotations.NullMarked;
