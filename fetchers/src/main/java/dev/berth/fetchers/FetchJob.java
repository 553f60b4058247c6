package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Urls;
import dev.berth.reconciler.port.Download;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One fetch of one image: what is fetched where, under which policy, and the messages its failures carry. Every
 * message names the image, its version and the URL with its query redacted, and says what to do.
 */
final class FetchJob {
    private final Download spec;
    private final Path target;
    private final DownloadPolicy policy;
    private final DownloadContext context;

    FetchJob(Download spec, Path target, DownloadPolicy policy, DownloadContext context) {
        this.spec = spec;
        this.target = target;
        this.policy = policy;
        this.context = context;
    }

    Download spec() {
        return spec;
    }

    Path target() {
        return target;
    }

    DownloadPolicy policy() {
        return policy;
    }

    DownloadContext context() {
        return context;
    }

    String url() {
        return Urls.redact(spec.url());
    }

    BerthException refused(String detail, String advice) {
        return new BerthException(Reason.FetchRefused, subject() + ": " + detail + "; " + advice);
    }

    BerthException failed(String detail, String advice, Throwable cause) {
        return new BerthException(Reason.FetchFailed, subject() + ": " + detail + "; " + advice, cause);
    }

    BerthException tooLarge(String what) {
        return new BerthException(
                Reason.PolicyViolation,
                subject() + ": " + what + ", more than this host's limit of "
                        + ByteSize.human(policy.maxImageBytes())
                        + "; check the url in the manifest, or raise the host's"
                        + " maximum image size (policy.maxImageBytes) if the image really is that large");
    }

    BerthException verificationFailed(Sha256 actual, long size) {
        return new BerthException(
                Reason.VerificationFailed,
                subject() + ": the downloaded file (" + size
                        + " bytes) has sha256 " + actual.hex() + " but the manifest expects "
                        + spec.sha256().hex()
                        + "; the download was deleted. Check that the url and sha256 in the manifest belong together (a "
                        + "re-uploaded image needs its new sha256), then commit the fix");
    }

    /** Refuses to start when {@code remaining} bytes plus the safety margin do not fit. */
    void checkSpace(long remaining) {
        long free;
        try {
            free = context.freeSpace().usableBytes(target.getParent());
        } catch (IOException e) {
            return; // the write itself will tell if space runs out
        }
        if (free < remaining + policy.freeSpaceMargin()) {
            throw noSpace(remaining, 0, free, null);
        }
    }

    /**
     * @param needed bytes still to write, -1 when the size is not known
     * @param written bytes already in the partial download
     */
    BerthException noSpace(long needed, long written, long free, IOException cause) {
        String need = needed >= 0
                ? ByteSize.human(needed) + " (" + needed + " bytes) more plus a margin of "
                        + ByteSize.human(policy.freeSpaceMargin())
                : "more than the " + ByteSize.human(written) + " (" + written + " bytes) written so far (the server "
                        + "did not say how much)";
        return new BerthException(
                Reason.InsufficientSpace,
                subject() + ": needs " + need + " in "
                        + target.getParent() + " but only " + ByteSize.human(free) + " (" + free + " bytes) is free"
                        + (cause == null ? "" : " (" + cause.getMessage() + ")")
                        + "; free space there, then Berth retries (a partial download that can be resumed is kept)",
                cause);
    }

    long freeBytes() {
        try {
            return context.freeSpace().usableBytes(target.getParent());
        } catch (IOException e) {
            return 0;
        }
    }

    private String subject() {
        return "cannot fetch image " + spec.label() + " (" + spec.origin() + ") from " + url();
    }
}
