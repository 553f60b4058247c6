package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void credentialsAndQueriesNeverReachAMessage() {
        assertThat(Urls.redact("https://user:secret@images.example/a.raw?token=abc"))
                .isEqualTo("https://images.example/a.raw?…");
    }

    @Test
    void portsAndPathsAreKept() {
        assertThat(Urls.redact("http://127.0.0.1:8080/images/a_1.raw"))
                .isEqualTo("http://127.0.0.1:8080/images/a_1.raw");
    }

    @Test
    void fileUrlsKeepTheirThreeSlashes() {
        assertThat(Urls.redact("file:///srv/images/a_1.raw")).isEqualTo("file:///srv/images/a_1.raw");
    }

    @Test
    void unparsableTextLosesUserInfoAndQueryToo() {
        assertThat(Urls.redact("https://u:p@host/a b?x=1")).isEqualTo("https://host/a b?…");
    }
}
