package dev.berth.fetchers.pgp;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.jspecify.annotations.Nullable;

/**
 * The allow-list of signers: every primary key and subkey in an ASCII-armored public key file, which may hold
 * several armored blocks. A key is trusted because it is in this file, never because of a keyring's trust level;
 * a subkey only counts when its binding signature by its primary key checks out.
 */
public final class TrustedKeys {
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private final List<PGPPublicKeyRing> rings;

    /** A trusted key that made a signature, with the primary key it belongs to (itself for a primary key). */
    record Signer(PGPPublicKey key, PGPPublicKey primary) {}

    private TrustedKeys(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    /**
     * Reads the armored public keys in {@code file}.
     *
     * @throws BerthException SignatureInvalid naming the file when it cannot be read or holds no public key
     */
    public static TrustedKeys read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unusable(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        int block = 0;
        for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + BEGIN.length())) {
            block++;
            try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(bytes, at, bytes.length - at))) {
                BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
                for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
                    if (o instanceof PGPPublicKeyRing) {
                        rings.add((PGPPublicKeyRing) o);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw unusable(
                        file,
                        "has a public key block (number " + block + ") that cannot be read (" + e.getMessage() + ")");
            }
        }
        if (rings.isEmpty()) {
            throw unusable(file, "holds no OpenPGP public key");
        }
        return new TrustedKeys(rings);
    }

    /** The trusted key that made a signature, found by the issuer fingerprint or, failing that, the key id. */
    Optional<Signer> signer(PGPSignature signature) {
        byte @Nullable [] fingerprint = issuerFingerprint(signature);
        for (PGPPublicKeyRing ring : rings) {
            for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
                PGPPublicKey key = keys.next();
                boolean same =
                        fingerprint != null ? key.hasFingerprint(fingerprint) : key.getKeyID() == signature.getKeyID();
                PGPPublicKey primary = ring.getPublicKey();
                if (same && (key.isMasterKey() || boundSigningSubkey(primary, key))) {
                    return Optional.of(new Signer(key, primary));
                }
            }
        }
        return Optional.empty();
    }

    /** The signer's fingerprint as gpg prints it, or its long key id when the signature names no fingerprint. */
    static String issuer(PGPSignature signature) {
        byte @Nullable [] fingerprint = issuerFingerprint(signature);
        return fingerprint != null ? hex(fingerprint) : "with key id " + String.format("%016X", signature.getKeyID());
    }

    static String hex(byte[] fingerprint) {
        return HexFormat.of().formatHex(fingerprint).toUpperCase(Locale.ROOT);
    }

    private static byte @Nullable [] issuerFingerprint(PGPSignature signature) {
        if (signature.getHashedSubPackets() != null
                && signature.getHashedSubPackets().getIssuerFingerprint() != null) {
            return signature.getHashedSubPackets().getIssuerFingerprint().getFingerprint();
        }
        if (signature.getUnhashedSubPackets() != null
                && signature.getUnhashedSubPackets().getIssuerFingerprint() != null) {
            return signature.getUnhashedSubPackets().getIssuerFingerprint().getFingerprint();
        }
        return null;
    }

    private static boolean boundSigningSubkey(PGPPublicKey primary, PGPPublicKey subkey) {
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
            PGPSignature binding = it.next();
            try {
                binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
                boolean mayOnlyEncrypt = binding.getHashedSubPackets() != null
                        && binding.getHashedSubPackets().getKeyFlags() != 0
                        && (binding.getHashedSubPackets().getKeyFlags() & 0x02) == 0;
                if (binding.verifyCertification(primary, subkey) && !mayOnlyEncrypt) {
                    return true;
                }
            } catch (PGPException e) {
                // A binding that cannot be checked binds nothing.
            }
        }
        return false;
    }

    private static BerthException unusable(Path file, String why) {
        return new BerthException(
                Reason.SignatureInvalid,
                "the trusted keys file " + file + " " + why
                        + "; no commit or SHA256SUMS can be verified until it holds the signers' public keys"
                        + " (gpg --armor --export)");
    }
}
