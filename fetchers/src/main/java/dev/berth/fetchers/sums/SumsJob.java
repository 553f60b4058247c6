package dev.berth.fetchers.sums;

import dev.berth.fetchers.pgp.Verdict;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Urls;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One lookup in one SHA256SUMS for one image, and the messages its failures carry: each names the image, the
 * list's URL with its query redacted, and says what to do.
 */
final class SumsJob {
    /** A SHA256SUMS lists a release's files and its signature is a few hundred bytes: more is not one. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String image;
    private final URI sums;
    private final URI signature;
    private final Optional<Path> keys;

    SumsJob(String image, URI sums, Optional<Path> keys) {
        this.image = image;
        this.sums = sums;
        this.signature = signatureOf(sums);
        this.keys = keys;
    }

    /** The detached signature next to the list: ".gpg" appended to the path, the query kept. */
    static URI signatureOf(URI sums) {
        String text = sums.toString();
        int end = text.length();
        for (char c : new char[] {'?', '#'}) {
            int at = text.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return URI.create(text.substring(0, end) + ".gpg" + text.substring(end));
    }

    URI sums() {
        return sums;
    }

    URI signature() {
        return signature;
    }

    BerthException noTrustedKeys() {
        return new BerthException(
                Reason.SignatureInvalid,
                list()
                        + " cannot be believed: sums: needs --trusted-keys FILE with the key that signs SHA256SUMS; give the agent that"
                        + " public key (gpg --armor --export), or give the image's sha256 in the manifest instead");
    }

    BerthException refused(URI url, String detail, String advice) {
        return new BerthException(Reason.FetchRefused, cannotFetch(url) + ": " + detail + "; " + advice);
    }

    BerthException failed(URI url, String detail, @Nullable Throwable cause) {
        return new BerthException(
                Reason.FetchFailed,
                cannotFetch(url) + ": " + detail + "; Berth tries again on its next pass, check the server and the"
                        + " network",
                cause);
    }

    BerthException tooLarge(URI url, String size) {
        return refused(
                url,
                size + ", more than the limit of 1 MiB for a SHA256SUMS or its signature",
                "check the sums url in the manifest: it should name a SHA256SUMS file");
    }

    BerthException unsigned(String how) {
        return signatureInvalid(
                "it is unsigned (" + Urls.redact(signature) + ": " + how + ")",
                "publish its detached signature there (gpg --detach-sign SHA256SUMS writes SHA256SUMS.gpg), or give"
                        + " the image's sha256 in the manifest instead");
    }

    BerthException refused(Verdict verdict) {
        Verdict.Outcome outcome = verdict.outcome();
        String keysFile = keys.map(Path::toString).orElse("the trusted keys file");
        if (outcome == Verdict.Outcome.UNREADABLE || outcome == Verdict.Outcome.UNSIGNED) {
            return signatureInvalid(
                    "its signature " + Urls.redact(signature) + " is unreadable (not a detached OpenPGP signature,"
                            + " binary or ASCII-armored)",
                    "publish what gpg --detach-sign SHA256SUMS (or --armor --detach-sign) writes");
        }
        if (outcome == Verdict.Outcome.UNKNOWN_KEY) {
            return signatureInvalid(
                    verdict.detail() + " " + keysFile,
                    "if you trust that key, add its public key to " + keysFile + " (gpg --armor --export "
                            + verdict.key() + "); otherwise sign SHA256SUMS with a key that is there");
        }
        if (outcome == Verdict.Outcome.BAD) {
            return signatureInvalid(
                    verdict.detail(),
                    "SHA256SUMS changed after it was signed, or " + Urls.redact(signature) + " signs another file;"
                            + " sign it again and publish both together");
        }
        return signatureInvalid(
                verdict.detail(), "sign SHA256SUMS again with a valid key from " + keysFile + ", and publish both");
    }

    BerthException malformed(SumsList.Malformed m) {
        return new BerthException(
                Reason.VerificationFailed,
                list() + ": line " + m.line() + " " + m.getMessage()
                        + "; fix the list (sha256sum writes it), sign it again and publish both");
    }

    BerthException notListed(String fileName, int files) {
        return new BerthException(
                Reason.VerificationFailed,
                list() + " does not list " + fileName + " (it lists " + files + " file" + (files == 1 ? "" : "s")
                        + "); check the file name at the end of the image's url, and that this list belongs to"
                        + " that release");
    }

    private BerthException signatureInvalid(String clause, String advice) {
        return new BerthException(Reason.SignatureInvalid, list() + " refused: " + clause + "; " + advice);
    }

    private String cannotFetch(URI url) {
        return "image " + image + ": cannot fetch "
                + (url.equals(sums)
                        ? "SHA256SUMS " + Urls.redact(sums)
                        : "the signature " + Urls.redact(url) + " of SHA256SUMS " + Urls.redact(sums));
    }

    private String list() {
        return "image " + image + ": SHA256SUMS " + Urls.redact(sums);
    }
}
