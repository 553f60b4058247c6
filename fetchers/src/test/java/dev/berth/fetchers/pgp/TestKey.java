package dev.berth.fetchers.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * An OpenPGP key made for one test run (RSA, as gpg makes by default), optionally with a separate signing subkey,
 * that makes detached signatures the way gpg does (issuer fingerprint in the hashed area). Shared by the tests of
 * every signed thing: commits and SHA256SUMS.
 */
public final class TestKey {
    private final PGPPublicKeyRing ring;
    private final PGPKeyPair primary;
    private final PGPKeyPair signing;

    private TestKey(PGPPublicKeyRing ring, PGPKeyPair primary, PGPKeyPair signing) {
        this.ring = ring;
        this.primary = primary;
        this.signing = signing;
    }

    public static TestKey generate(String user, boolean signingSubkey) {
        return generate(user, signingSubkey, Duration.ofMinutes(1), Duration.ZERO);
    }

    /** A key made two days ago that expired after one day, so everything it signs now is past its expiry. */
    public static TestKey expired(String user) {
        return generate(user, false, Duration.ofDays(2), Duration.ofDays(1));
    }

    private static TestKey generate(String user, boolean signingSubkey, Duration age, Duration validFor) {
        try {
            Date created = Date.from(Instant.now().minus(age));
            PGPKeyPair primary = rsa(created);
            PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
            flags.setKeyFlags(
                    false, signingSubkey ? KeyFlags.CERTIFY_OTHER : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            if (!validFor.isZero()) {
                flags.setKeyExpirationTime(false, validFor.toSeconds());
            }
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(
                    PGPSignature.POSITIVE_CERTIFICATION,
                    primary,
                    user,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
                    flags.generate(),
                    null,
                    new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    null);
            PGPKeyPair signer = primary;
            if (signingSubkey) {
                signer = rsa(created);
                PGPSignatureSubpacketGenerator subFlags = new PGPSignatureSubpacketGenerator();
                subFlags.setKeyFlags(false, KeyFlags.SIGN_DATA);
                rings.addSubKey(signer, subFlags.generate(), null);
            }
            return new TestKey(rings.generatePublicKeyRing(), primary, signer);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PGPKeyPair rsa(Date created) throws PGPException {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 12));
        return new BcPGPKeyPair(
                PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, generator.generateKeyPair(), created);
    }

    /** The same key with a revocation of its primary key, as `gpg --gen-revoke` and an import would leave it. */
    public TestKey revoked() {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    primary.getPublicKey());
            generator.init(PGPSignature.KEY_REVOCATION, primary.getPrivateKey());
            PGPSignature revocation = generator.generateCertification(ring.getPublicKey());
            PGPPublicKey revoked = PGPPublicKey.addCertification(ring.getPublicKey(), revocation);
            return new TestKey(PGPPublicKeyRing.insertPublicKey(ring, revoked), primary, signing);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    public String fingerprint() {
        return TrustedKeys.hex(ring.getPublicKey().getFingerprint());
    }

    public String signingFingerprint() {
        return TrustedKeys.hex(signing.getPublicKey().getFingerprint());
    }

    public String armoredPublicKey() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            ring.encode(armored);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Writes the public keys of {@code keys} into one armored file, as an operator would. */
    public static Path writeTrusted(Path file, TestKey... keys) throws IOException {
        StringBuilder text = new StringBuilder();
        for (TestKey key : keys) {
            text.append(key.armoredPublicKey()).append('\n');
        }
        return Files.writeString(file, text);
    }

    /** A detached armored signature over {@code data}, as {@code gpg --armor --detach-sign} writes. */
    public byte[] sign(byte[] data) {
        return armor(signBinary(data));
    }

    /** A detached binary signature over {@code data}, as {@code gpg --detach-sign} writes. */
    public byte[] signBinary(byte[] data) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    signing.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, signing.getPrivateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setIssuerFingerprint(false, signing.getPublicKey());
            hashed.setSignatureCreationTime(false, Date.from(Instant.now()));
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            return generator.generate().getEncoded();
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] armor(byte[] binary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream armored =
                ArmoredOutputStream.builder().setComment(null).build(bytes)) {
            armored.write(binary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
