package dev.berth.fetchers.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Decides whether a commit may be applied: it must carry an OpenPGP signature over exactly its content, made by a
 * key in the allow-list. The answer says why not, in words a person can act on.
 */
final class SignatureCheck {
    private SignatureCheck() {}

    /** Passed with the signer's fingerprint, or refused with the reason. */
    record Verdict(boolean passed, String detail) {}

    static Verdict check(TrustedKeys keys, byte[] rawCommit) {
        Optional<CommitSignature> signed = CommitSignature.of(rawCommit);
        if (signed.isEmpty()) {
            return refused("it is not signed");
        }
        if (!signed.get().isOpenPgp()) {
            return refused("it carries an SSH or X.509 signature; only OpenPGP signatures are accepted");
        }
        PGPSignatureList signatures = parse(signed.get().signature());
        if (signatures == null || signatures.isEmpty()) {
            return refused("its signature cannot be read (bad signature)");
        }
        Verdict first = null;
        for (PGPSignature signature : signatures) {
            Verdict verdict = check(keys, signature, signed.get().payload());
            if (verdict.passed()) {
                return verdict;
            }
            first = first == null ? verdict : first;
        }
        return first;
    }

    private static Verdict check(TrustedKeys keys, PGPSignature signature, byte[] payload) {
        String issuer = TrustedKeys.issuer(signature);
        Optional<PGPPublicKey> key = keys.signer(signature);
        if (key.isEmpty()) {
            return refused("it is signed by unknown key " + issuer + ", which is not in the trusted keys file");
        }
        String fingerprint = TrustedKeys.hex(key.get().getFingerprint());
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && signature.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return refused("its signature by " + fingerprint + " is not a document signature (bad signature)");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key.get());
            signature.update(payload);
            if (!signature.verify()) {
                return refused("its signature by " + fingerprint + " does not match its content (bad signature)");
            }
        } catch (PGPException | RuntimeException e) {
            return refused(
                    "its signature by " + fingerprint + " cannot be checked (bad signature: " + e.getMessage() + ")");
        }
        if (key.get().hasRevocation()) {
            return refused("it is signed by key " + fingerprint + ", which is revoked");
        }
        if (expiredAt(key.get(), signature.getCreationTime())) {
            return refused("it is signed by key " + fingerprint + ", which had expired when it signed");
        }
        return new Verdict(true, fingerprint);
    }

    private static boolean expiredAt(PGPPublicKey key, Date when) {
        long valid = key.getValidSeconds();
        return valid > 0 && when.getTime() > key.getCreationTime().getTime() + valid * 1000;
    }

    private static PGPSignatureList parse(byte[] armored) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object o = new BcPGPObjectFactory(in).nextObject();
            return o instanceof PGPSignatureList ? (PGPSignatureList) o : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Verdict refused(String why) {
        return new Verdict(false, why);
    }
}
