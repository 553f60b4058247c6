package dev.berth.fetchers.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.function.UnaryOperator;
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
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * An OpenPGP key made for one test run (RSA, as gpg makes by default), optionally with a separate signing subkey,
 * and a JGit {@link Signer} that signs commits with it the way gpg does (issuer fingerprint in the hashed area).
 */
final class TestKey {
    private final PGPPublicKeyRing ring;
    private final PGPKeyPair signing;

    private TestKey(PGPPublicKeyRing ring, PGPKeyPair signing) {
        this.ring = ring;
        this.signing = signing;
    }

    static TestKey generate(String user, boolean signingSubkey) {
        try {
            Date now = new Date(System.currentTimeMillis() - 60_000);
            PGPKeyPair primary = rsa(now);
            PGPSignatureSubpacketGenerator flags = new PGPSignatureSubpacketGenerator();
            flags.setKeyFlags(
                    false, signingSubkey ? KeyFlags.CERTIFY_OTHER : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
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
                signer = rsa(now);
                PGPSignatureSubpacketGenerator subFlags = new PGPSignatureSubpacketGenerator();
                subFlags.setKeyFlags(false, KeyFlags.SIGN_DATA);
                rings.addSubKey(signer, subFlags.generate(), null);
            }
            return new TestKey(rings.generatePublicKeyRing(), signer);
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

    String fingerprint() {
        return TrustedKeys.hex(ring.getPublicKey().getFingerprint());
    }

    String signingFingerprint() {
        return TrustedKeys.hex(signing.getPublicKey().getFingerprint());
    }

    String armoredPublicKey() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            ring.encode(armored);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes the public keys of {@code keys} into one armored file, as an operator would. */
    static Path writeTrusted(Path file, TestKey... keys) throws IOException {
        StringBuilder text = new StringBuilder();
        for (TestKey key : keys) {
            text.append(key.armoredPublicKey()).append('\n');
        }
        return Files.writeString(file, text);
    }

    /** A detached armored signature over {@code data}. */
    byte[] sign(byte[] data) {
        try {
            return armor(signature(data).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PGPSignature signature(byte[] data) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PGPPublicKey.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    signing.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, signing.getPrivateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setIssuerFingerprint(false, signing.getPublicKey());
            hashed.setSignatureCreationTime(false, new Date());
            generator.setHashedSubpackets(hashed.generate());
            generator.update(data);
            return generator.generate();
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] armor(byte[] binary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream armored =
                ArmoredOutputStream.builder().setComment(null).build(bytes)) {
            armored.write(binary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Signs commits with this key. */
    Signer signer() {
        return signer(this::sign);
    }

    /** Signs commits with whatever {@code signature} makes of the payload: for tampered signatures. */
    static Signer signer(UnaryOperator<byte[]> signature) {
        return new Signer() {
            @Override
            public GpgSignature sign(
                    Repository repo,
                    GpgConfig config,
                    byte[] data,
                    PersonIdent committer,
                    String signingKey,
                    CredentialsProvider credentials) {
                return new GpgSignature(signature.apply(data));
            }

            @Override
            public boolean canLocateSigningKey(
                    Repository repo,
                    GpgConfig config,
                    PersonIdent committer,
                    String signingKey,
                    CredentialsProvider credentials) {
                return true;
            }
        };
    }
}
