package dev.berth.fetchers.sums;

import static dev.berth.fetchers.sums.Release.FILE;
import static dev.berth.fetchers.sums.Release.IMAGE;
import static dev.berth.fetchers.sums.Release.NEXT_SHA;
import static dev.berth.fetchers.sums.Release.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.fetchers.pgp.TestKey;
import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.testkit.http.HttpDates;
import dev.berth.testkit.http.MisbehavingHttpServer;
import dev.berth.testkit.http.RecordedRequest;
import dev.berth.testkit.http.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verified list is only revalidated on the next pass: a 304 (or the same bytes) costs no signature download and
 * no check, while a changed list, or a changed trusted keys file, is checked again from scratch.
 */
class SumsRevalidationTest {
    private static final String SUMS = "/SHA256SUMS";
    private static final String GPG = "/SHA256SUMS.gpg";

    @TempDir
    Path tmp;

    MisbehavingHttpServer server;
    Path trusted;
    SignedSumsResolver resolver;

    @BeforeEach
    void start() throws Exception {
        server = MisbehavingHttpServer.start();
        trusted = TestKey.writeTrusted(tmp.resolve("trusted.asc"), Keys.RELEASE);
        resolver = Release.resolver(trusted);
    }

    @AfterEach
    void stop() {
        resolver.close();
        server.close();
    }

    private void publish(Resource sums) {
        server.put(SUMS, sums);
        server.put(GPG, Resource.of(Keys.RELEASE.signBinary(sums.bytes())));
    }

    private RecordedRequest last(String path) {
        List<RecordedRequest> requests = server.requests(path);
        return requests.get(requests.size() - 1);
    }

    @Test
    void theNextLookupAsksWithIfNoneMatchAndA304ReusesTheVerifiedList() {
        Resource sums = Resource.of(Release.sums(SHA));
        publish(sums);
        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(SHA);

        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(SHA);

        assertThat(server.requests(SUMS)).hasSize(2);
        assertThat(server.requests(SUMS).get(0).header("If-None-Match")).isEmpty();
        assertThat(last(SUMS).header("If-None-Match")).isEqualTo(sums.etag());
        assertThat(last(SUMS).status()).isEqualTo(304);
        assertThat(server.requests(GPG)).hasSize(1);
    }

    @Test
    void withoutAnEtagTheNextLookupAsksWithIfModifiedSince() {
        Instant published = Instant.parse("2026-11-01T10:00:00Z");
        publish(Resource.of(Release.sums(SHA)).withoutEtag().withLastModified(published));
        resolver.sha256(server.uri(SUMS), FILE, IMAGE);

        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(SHA);

        assertThat(last(SUMS).header("If-Modified-Since")).contains(HttpDates.format(published));
        assertThat(last(SUMS).status()).isEqualTo(304);
        assertThat(server.requests(GPG)).hasSize(1);
    }

    @Test
    void otherFilesOfTheSameListShareOneVerification() {
        publish(Resource.of(Release.sums(SHA)));

        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(SHA);
        assertThat(resolver.sha256(server.uri(SUMS), "hello_1.0.tar.gz", "hello-tar 1.0"))
                .isEqualTo(Release.OTHER_SHA);

        assertThat(server.requests(GPG)).hasSize(1);
    }

    @Test
    void aChangedListIsDownloadedWithItsSignatureAndVerifiedAgain() {
        publish(Resource.of(Release.sums(SHA)));
        resolver.sha256(server.uri(SUMS), FILE, IMAGE);
        publish(Resource.of(Release.sums(NEXT_SHA)));

        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(NEXT_SHA);

        assertThat(last(SUMS).header("If-None-Match")).isPresent();
        assertThat(last(SUMS).status()).isEqualTo(200);
        assertThat(server.requests(GPG)).hasSize(2);
    }

    @Test
    void aChangedListWithAStaleSignatureIsRefusedAndTheOldListIsNotServed() {
        Resource first = Resource.of(Release.sums(SHA));
        publish(first);
        resolver.sha256(server.uri(SUMS), FILE, IMAGE);
        server.put(SUMS, Resource.of(Release.sums(NEXT_SHA)));

        for (int pass = 0; pass < 2; pass++) {
            BerthException e =
                    catchThrowableOfType(BerthException.class, () -> resolver.sha256(server.uri(SUMS), FILE, IMAGE));
            assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
            assertThat(e.getMessage()).contains("bad signature");
        }

        assertThat(last(SUMS).header("If-None-Match"))
                .as("a failure is not cached: the pass after it asks unconditionally")
                .isEmpty();
        assertThat(server.requests(GPG)).hasSize(3);
    }

    @Test
    void aServerWithoutValidatorsSendingTheSameBytesCostsNoSecondCheck() {
        publish(Resource.of(Release.sums(SHA)).withoutEtag());
        resolver.sha256(server.uri(SUMS), FILE, IMAGE);

        assertThat(resolver.sha256(server.uri(SUMS), FILE, IMAGE)).isEqualTo(SHA);

        assertThat(last(SUMS).status()).isEqualTo(200);
        assertThat(server.requests(GPG)).hasSize(1);
    }

    @Test
    void onlyTheMostRecentlyUsedListsAreKept() {
        for (int release = 0; release <= 64; release++) {
            byte[] sums = Release.sums(SHA);
            server.put("/" + release + SUMS, Resource.of(sums));
            server.put("/" + release + GPG, Resource.of(Keys.RELEASE.signBinary(sums)));
            resolver.sha256(server.uri("/" + release + SUMS), FILE, IMAGE);
        }

        resolver.sha256(server.uri("/64" + SUMS), FILE, IMAGE);
        resolver.sha256(server.uri("/0" + SUMS), FILE, IMAGE);

        assertThat(server.requests("/64" + GPG))
                .as("the newest list is still kept")
                .hasSize(1);
        assertThat(server.requests("/0" + GPG))
                .as("the oldest of 65 was dropped")
                .hasSize(2);
    }

    @Test
    void anEditedTrustedKeysFileLeadsToAFreshCheck() throws Exception {
        publish(Resource.of(Release.sums(SHA)));
        resolver.sha256(server.uri(SUMS), FILE, IMAGE);
        TestKey.writeTrusted(trusted, Keys.STRANGER);
        Files.setLastModifiedTime(trusted, FileTime.from(Instant.now().plusSeconds(5)));

        BerthException e =
                catchThrowableOfType(BerthException.class, () -> resolver.sha256(server.uri(SUMS), FILE, IMAGE));

        assertThat(e.reason()).isEqualTo(Reason.SignatureInvalid);
        assertThat(e.getMessage()).contains("signed by unknown key " + Keys.RELEASE.fingerprint());
        assertThat(last(SUMS).header("If-None-Match")).isEmpty();
    }
}
