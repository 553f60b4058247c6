/** Image hashes from a signed SHA256SUMS list, believed only once its detached OpenPGP signature checks out. */
package dev.berth.fetchers.sums;
