package dev.berth.fetchers.pgp;

import java.util.Objects;

/**
 * What a signature check decided, in words a person can act on.
 *
 * @param outcome passed, or the kind of refusal, so a caller can give advice that fits
 * @param key the signer's fingerprint (or, for an unknown key, what the signature names); empty when no signature
 *     could be read
 * @param detail the decision as a clause about the signed thing ("it is signed by unknown key ..."), or the
 *     fingerprint when it passed
 */
public record Verdict(Outcome outcome, String key, String detail) {
    /** Passed, or why not. */
    public enum Outcome {
        PASSED,
        /** There is no signature at all. */
        UNSIGNED,
        /** The signature is not an OpenPGP signature Berth can read. */
        UNREADABLE,
        /** The signer is not in the trusted keys file. */
        UNKNOWN_KEY,
        /** A trusted key's signature that does not match the signed bytes, or is not a document signature. */
        BAD,
        /** The signer (or its primary key) is revoked. */
        REVOKED,
        /** The signer (or its primary key) had expired when it signed. */
        EXPIRED
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }

    static Verdict passed(String fingerprint) {
        return new Verdict(Outcome.PASSED, fingerprint, fingerprint);
    }

    public static Verdict refused(Outcome outcome, String key, String why) {
        if (outcome == Outcome.PASSED) {
            throw new IllegalArgumentException("a refusal needs a reason other than PASSED");
        }
        return new Verdict(outcome, key, why);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
