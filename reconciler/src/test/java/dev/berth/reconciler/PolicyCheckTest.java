package dev.berth.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Origin;
import dev.berth.model.Provenance;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {
    private static final LocalPolicy ANY_URL =
            new LocalPolicy(LocalPolicy.DEFAULT_PROFILES, List.of(), LocalPolicy.DEFAULT_MAX_IMAGE_BYTES, false);

    private static ImageSpec at(String url) {
        return new ImageSpec(
                "hello",
                "1.0",
                URI.create(url),
                Fixtures.sha("hello", "1.0"),
                "default",
                List.of("hello"),
                true,
                true,
                false,
                new Origin("hosts/web/images.yaml@abc", 4));
    }

    private static Optional<String> check(String url, LocalPolicy policy, Provenance provenance) {
        return PolicyCheck.violation(at(url), policy, provenance);
    }

    private static LocalPolicy prefixes(String... allowed) {
        return new LocalPolicy(
                LocalPolicy.DEFAULT_PROFILES, List.of(allowed), LocalPolicy.DEFAULT_MAX_IMAGE_BYTES, false);
    }

    @Test
    void aManifestFromARepositoryMayNotReadTheHostsFiles() {
        assertThat(check("file:///etc/shadow", ANY_URL, Provenance.REPOSITORY))
                .hasValueSatisfying(v -> assertThat(v)
                        .contains("file:///etc/shadow names a file on this host")
                        .contains("policy.allowedUrlPrefixes lists a file: prefix"));
    }

    @Test
    void aManifestWrittenOnTheHostMayUseFileUrlsAsBefore() {
        assertThat(check("file:///srv/images/hello_1.0.raw", ANY_URL, Provenance.HOST))
                .isEmpty();
    }

    @Test
    void aRepositoryManifestMayUseFileUrlsUnderAFilePrefixTheHostAllows() {
        LocalPolicy policy = prefixes("https://images.example/", "file:///srv/images/");

        assertThat(check("file:///srv/images/hello_1.0.raw", policy, Provenance.REPOSITORY))
                .isEmpty();
        assertThat(check("file:///srv/imagesX/hello_1.0.raw", policy, Provenance.REPOSITORY))
                .isPresent();
        assertThat(check("https://images.example/hello_1.0.raw", policy, Provenance.REPOSITORY))
                .isEmpty();
    }

    @Test
    void dotDotCannotClimbOutOfAnAllowedFilePrefix() {
        LocalPolicy policy = prefixes("file:///srv/images/");

        assertThat(check("file:///srv/images/../../etc/shadow", policy, Provenance.REPOSITORY))
                .isPresent();
        assertThat(check("file:///srv/images/%2e%2e/%2e%2e/etc/shadow", policy, Provenance.REPOSITORY))
                .isPresent();
        assertThat(check("file:///srv/images/../../etc/shadow", policy, Provenance.HOST))
                .as("a host manifest is held to the host's prefixes too")
                .isPresent();
    }

    @Test
    void plainHttpAndProfilesAreCheckedWhateverTheProvenance() {
        LocalPolicy policy = new LocalPolicy(Set.of("default"), List.of(), LocalPolicy.DEFAULT_MAX_IMAGE_BYTES, false);

        assertThat(check("http://images.example/hello_1.0.raw", policy, Provenance.HOST))
                .hasValueSatisfying(v -> assertThat(v).contains("plain http"));
        assertThat(check("http://images.example/hello_1.0.raw", policy.withAllowHttp(true), Provenance.REPOSITORY))
                .isEmpty();
    }
}
