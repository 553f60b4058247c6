package dev.berth.fetchers.sums;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where the detached signature of a list is looked for. */
class SumsJobTest {
    @Test
    void theSignatureIsTheListsUrlWithGpgAppended() {
        assertThat(SumsJob.signatureOf(URI.create("https://example.org/rel/SHA256SUMS")))
                .isEqualTo(URI.create("https://example.org/rel/SHA256SUMS.gpg"));
    }

    @Test
    void aQueryStaysAQueryAndGpgGoesOnThePath() {
        assertThat(SumsJob.signatureOf(URI.create("https://example.org/SHA256SUMS?token=s3cret#x")))
                .isEqualTo(URI.create("https://example.org/SHA256SUMS.gpg?token=s3cret#x"));
    }

    @Test
    void fileUrlsWorkTheSameWay() {
        assertThat(SumsJob.signatureOf(URI.create("file:///srv/rel/SHA256SUMS")))
                .isEqualTo(URI.create("file:///srv/rel/SHA256SUMS.gpg"));
    }
}
