package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DownloadPolicyTest {
    @Test
    void theDefaultsAreSafe() {
        DownloadPolicy p = DownloadPolicy.defaults();
        assertThat(p.allowHttp()).isFalse();
        assertThat(p.maxImageBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(p.maxRedirects()).isEqualTo(5);
        assertThat(p.maxAttempts()).isGreaterThan(1);
        assertThat(p.readTimeout()).isPositive();
        assertThat(p.bufferBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        DownloadPolicy d = DownloadPolicy.defaults();
        assertThatThrownBy(() -> d.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> d.withBufferBytes(16)).hasMessageContaining("bufferBytes");
        assertThatThrownBy(() -> d.withMaxRedirects(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
