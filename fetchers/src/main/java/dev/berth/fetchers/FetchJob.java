package dev.berth.fetchers;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Urls;
import dev.berth.reconciler.port.Download;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    BerthException failed(String detail, String advice, @Nullable Throwable cause) {
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

    /** For a file: URL, neither the size nor the sha256 of what was read: it may be any file of the host. */
    BerthException verificationFailed(Sha256 actual, long size) {
        String what = spec.url().getScheme().equalsIgnoreCase("file")
                ? "the copied file does not have the sha256 " + spec.sha256().hex() + " the manifest expects"
                : "the downloaded file (" + size + " bytes) has sha256 " + actual.hex() + " but the manifest expects "
                        + spec.sha256().hex();
        return new BerthException(
                Reason.VerificationFailed,
                subject() + ": " + what
                        + "; the download was deleted. Check that the url and sha256 in the manifest belong together (a "
                        + "re-uploaded image needs its new sha256), then commit the fix");
    }

    /** The free space rules of this download. */
    PoolSpace space() {
        Path pool = Objects.requireNonNull(target.getParent(), "a fetch target is a file in the pool");
        return new PoolSpace(pool, context.freeSpace(), policy.minFreeSpace(), subject());
    }

    /** Copies bodies under the size limit and, when their length is not known, the free space floor. */
    BodyCopier copier() {
        return new BodyCopier(policy.maxImageBytes(), space()::claim);
    }

    String subject() {
        return "cannot fetch image " + spec.label() + " (" + spec.origin() + ") from " + url();
    }
}
