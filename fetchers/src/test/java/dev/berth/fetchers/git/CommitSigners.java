package dev.berth.fetchers.git;

import dev.berth.fetchers.pgp.TestKey;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;

/** JGit {@link Signer}s that sign commits with a {@link TestKey}, or with whatever a test makes of the payload. */
final class CommitSigners {
    private CommitSigners() {}

    /** Signs commits with {@code key}, as gpg does. */
    static Signer by(TestKey key) {
        return making(key::sign);
    }

    /** Signs commits with whatever {@code signature} makes of the payload: for tampered signatures. */
    static Signer making(UnaryOperator<byte[]> signature) {
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
