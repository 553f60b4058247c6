/** OpenPGP trust shared by every signed thing Berth reads: the trusted keys file and detached signature checks. */
@NullMarked
package dev.berth.fetchers.pgp;

import org.jspecify.annotations.NullMarked;
