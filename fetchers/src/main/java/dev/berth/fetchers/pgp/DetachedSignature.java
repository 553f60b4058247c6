package dev.berth.fetchers.pgp;

import dev.berth.fetchers.pgp.Verdict.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks a detached OpenPGP signature (binary or ASCII-armored) over exactly the given bytes against the trusted
 * keys: it must be a document signature made by a trusted primary key or a signing subkey bound to one, and
 * neither that key nor its primary may be revoked or have expired when it signed.
 */
public final class DetachedSignature {
    private DetachedSignature() {}

    /** When the signature holds several, one that passes is enough; otherwise the first refusal is the answer. */
    public static Verdict check(TrustedKeys keys, byte[] signature, byte[] signed) {
        Optional<PGPSignatureList> signatures = parse(signature);
        if (signatures.isEmpty() || signatures.get().isEmpty()) {
            return Verdict.refused(Outcome.UNREADABLE, "", "its signature cannot be read (bad signature)");
        }
        Verdict first = null;
        for (PGPSignature one : signatures.get()) {
            Verdict verdict = check(keys, one, signed);
            if (verdict.passed()) {
                return verdict;
            }
            first = first == null ? verdict : first;
        }
        return Objects.requireNonNull(first, "the list holds a signature");
    }

    private static Verdict check(TrustedKeys keys, PGPSignature signature, byte[] signed) {
        String issuer = TrustedKeys.issuer(signature);
        Optional<TrustedKeys.Signer> signer = keys.signer(signature);
        if (signer.isEmpty()) {
            return Verdict.refused(
                    Outcome.UNKNOWN_KEY,
                    issuer,
                    "it is signed by unknown key " + issuer + ", which is not in the trusted keys file");
        }
        PGPPublicKey key = signer.get().key();
        String fingerprint = TrustedKeys.hex(key.getFingerprint());
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && signature.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return Verdict.refused(
                    Outcome.BAD,
                    fingerprint,
                    "its signature by " + fingerprint + " is not a document signature (bad signature)");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(signed);
            if (!signature.verify()) {
                return Verdict.refused(
                        Outcome.BAD,
                        fingerprint,
                        "its signature by " + fingerprint + " does not match its content (bad signature)");
            }
        } catch (PGPException | RuntimeException e) {
            return Verdict.refused(
                    Outcome.BAD,
                    fingerprint,
                    "its signature by " + fingerprint + " cannot be checked (bad signature: " + e.getMessage() + ")");
        }
        PGPPublicKey primary = signer.get().primary();
        if (key.hasRevocation() || primary.hasRevocation()) {
            return Verdict.refused(
                    Outcome.REVOKED,
                    fingerprint,
                    "it is signed by key " + fingerprint
                            + (key.hasRevocation() ? ", which is revoked" : ", whose primary key is revoked"));
        }
        Instant signedAt = signature.getCreationTime().toInstant();
        if (expiredAt(key, signedAt) || expiredAt(primary, signedAt)) {
            return Verdict.refused(
                    Outcome.EXPIRED,
                    fingerprint,
                    "it is signed by key " + fingerprint + ", which had expired when it signed");
        }
        return Verdict.passed(fingerprint);
    }

    private static boolean expiredAt(PGPPublicKey key, Instant when) {
        long valid = key.getValidSeconds();
        return valid > 0 && when.isAfter(key.getCreationTime().toInstant().plusSeconds(valid));
    }

    private static Optional<PGPSignatureList> parse(byte[] signature) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            return new BcPGPObjectFactory(in).nextObject() instanceof PGPSignatureList list
                    ? Optional.of(list)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
