/** OpenPGP trust shared by every signed thing Berth reads: the trusted keys file and detached signature checks. */
package dev.berth.fetchers.pgp;
