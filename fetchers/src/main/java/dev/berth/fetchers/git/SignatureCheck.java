package dev.berth.fetchers.git;

import dev.berth.fetchers.pgp.DetachedSignature;
import dev.berth.fetchers.pgp.TrustedKeys;
import dev.berth.fetchers.pgp.Verdict;
import java.util.Optional;

/**
 * Decides whether a commit may be applied: it must carry an OpenPGP signature over exactly its content, made by a
 * key in the allow-list. The answer says why not, in words a person can act on.
 */
final class SignatureCheck {
    private SignatureCheck() {}

    static Verdict check(TrustedKeys keys, byte[] rawCommit) {
        Optional<CommitSignature> signed = CommitSignature.of(rawCommit);
        if (signed.isEmpty()) {
            return Verdict.refused(Verdict.Outcome.UNSIGNED, "", "it is not signed");
        }
        if (!signed.get().isOpenPgp()) {
            return Verdict.refused(
                    Verdict.Outcome.UNREADABLE,
                    "",
                    "it carries an SSH or X.509 signature; only OpenPGP signatures are accepted");
        }
        return DetachedSignature.check(
                keys, signed.get().signature(), signed.get().payload());
    }
}
