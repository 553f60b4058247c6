package dev.berth.fetchers.sums;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.ProgressListener;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A release's SHA256SUMS as a test publishes it, and a resolver set up the way the agent sets one up. */
final class Release {
    static final String IMAGE = "hello 1.0";
    static final String FILE = "hello_1.0.raw";
    static final Sha256 SHA = new Sha256("5e".repeat(32));
    static final Sha256 OTHER_SHA = new Sha256("0d".repeat(32));
    static final Sha256 NEXT_SHA = new Sha256("7a".repeat(32));

    private Release() {}

    /** A list in sha256sum's format: the image and another file of the release. */
    static byte[] sums(Sha256 image) {
        return text(image.hex() + "  " + FILE, OTHER_SHA.hex() + " *hello_1.0.tar.gz");
    }

    static byte[] text(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static DownloadPolicy policy() {
        return DownloadPolicy.defaults()
                .withLimits(LocalPolicy.permissive(true))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    static DownloadContext context() {
        return DownloadContext.system().withEnvironment(Map.of()).withProgress(ProgressListener.NONE);
    }

    static SignedSumsResolver resolver(Path trustedKeys) {
        return resolver(trustedKeys, policy());
    }

    static SignedSumsResolver resolver(Path trustedKeys, DownloadPolicy policy) {
        return new SignedSumsResolver(Optional.of(trustedKeys), policy, context());
    }
}
