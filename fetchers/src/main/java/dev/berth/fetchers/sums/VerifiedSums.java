package dev.berth.fetchers.sums;

/**
 * A SHA256SUMS whose signature checked out, kept so the next pass only asks whether it changed.
 *
 * @param bytes the list exactly as verified, so a re-sent identical list is recognised without checking again
 * @param validators what the server said identifies this copy, for If-None-Match and If-Modified-Since
 * @param keys the trusted keys file as it was when the signature was checked; another file means check again
 * @param signer the fingerprint of the key that signed it
 */
record VerifiedSums(byte[] bytes, Download.Validators validators, String keys, String signer, SumsList list) {
    VerifiedSums withValidators(Download.Validators newer) {
        return new VerifiedSums(bytes, newer, keys, signer, list);
    }
}
