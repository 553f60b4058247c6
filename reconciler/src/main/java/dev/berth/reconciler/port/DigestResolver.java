package dev.berth.reconciler.port;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Urls;
import java.net.URI;

/**
 * Finds an image's sha256 in a signed SHA256SUMS file, as systemd-sysupdate does: no hash in the file is believed
 * before its detached OpenPGP signature ({@code sums + ".gpg"}) verified against the trusted keys.
 */
public interface DigestResolver {
    /** For hosts without trusted keys: every listed digest is refused, saying what is missing. */
    DigestResolver WITHOUT_KEYS = (sums, fileName, imageLabel) -> {
        throw new BerthException(
                Reason.SignatureInvalid,
                "image " + imageLabel
                        + " takes its sha256 from " + Urls.redact(sums) + ", but no trusted keys are"
                        + " configured to verify that list; give --trusted-keys FILE with the key that signs it");
    };

    /**
     * The sha256 the verified SHA256SUMS at {@code sums} lists for {@code fileName}.
     *
     * @param imageLabel "hello 1.0", for messages
     * @throws dev.berth.model.BerthException SignatureInvalid (no, bad or untrusted signature, or no trusted keys
     *     configured), FetchFailed or FetchRefused (the files could not be downloaded), VerificationFailed
     *     (the file is not listed, or the list is malformed)
     */
    Sha256 sha256(URI sums, String fileName, String imageLabel);
}
