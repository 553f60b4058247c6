package dev.berth.fetchers.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void aUrlWithAQueryIsShownWithoutIt() {
        Redactor redactor = new Redactor("https://git.example.org/ops.git?private_token=abc123");

        assertThat(redactor.url()).isEqualTo("https://git.example.org/ops.git?…");
        assertThat(redactor.clean("https://git.example.org/ops.git?private_token=abc123: not found"))
                .isEqualTo("https://git.example.org/ops.git?…: not found");
    }

    @Test
    void aUrlWithoutSecretsKeepsItsSpelling() {
        assertThat(new Redactor("file:///srv/git/ops.git").url()).isEqualTo("file:///srv/git/ops.git");
    }

    @Test
    void aRevealedSecretIsCutFromAnyMessage() {
        Redactor redactor = new Redactor("https://git.example.org/ops.git");
        redactor.hide("hunter2-token");

        assertThat(redactor.clean("server said hunter2-token is wrong")).isEqualTo("server said *** is wrong");
        assertThat(redactor.clean("see https://user:pw@other.example/x")).isEqualTo("see https://other.example/x");
    }

    @Test
    void anExceptionChainIsDescribedOnceWithoutTheUrlPrefix() {
        Redactor redactor = new Redactor("git://127.0.0.1:9/ops.git");
        Exception chain = new IOException(
                "git://127.0.0.1:9/ops.git: Connection refused", new java.net.ConnectException("Connection refused"));

        assertThat(redactor.describe(chain)).isEqualTo("Connection refused");
    }
}
