package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.LocalPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DownloadPolicyTest {
    @Test
    void theDefaultsAreSafe() {
        DownloadPolicy p = DownloadPolicy.defaults();
        assertThat(p.limits()).isEqualTo(LocalPolicy.defaults());
        assertThat(p.allowHttp()).isFalse();
        assertThat(p.maxImageBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(p.maxRedirects()).isEqualTo(5);
        assertThat(p.maxAttempts()).isGreaterThan(1);
        assertThat(p.readTimeout()).isPositive();
        assertThat(p.bufferBytes()).isEqualTo(1024 * 1024);
        assertThat(p.minFreeSpace()).isEqualTo(FreeSpaceFloor.percent(5));
        assertThat(p.lowSpeedLimit()).isEqualTo(1024);
        assertThat(p.lowSpeedTime()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void plainHttpAndTheSizeLimitAreTheHostPolicys() {
        LocalPolicy host = new LocalPolicy(Set.of(), List.of(), 1234, true);
        DownloadPolicy p = DownloadPolicy.defaults().withLimits(host);
        assertThat(p.allowHttp()).isTrue();
        assertThat(p.maxImageBytes()).isEqualTo(1234);
        assertThat(p.limits()).isSameAs(host);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        DownloadPolicy d = DownloadPolicy.defaults();
        assertThatThrownBy(() -> d.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> d.withBufferBytes(16)).hasMessageContaining("bufferBytes");
        assertThatThrownBy(() -> d.withMaxRedirects(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withLowSpeed(-1, Duration.ofSeconds(1))).hasMessageContaining("lowSpeedLimit");
        assertThatThrownBy(() -> d.withLowSpeed(1, Duration.ZERO)).hasMessageContaining("lowSpeedTime");
        assertThatThrownBy(() -> d.withMinFreeSpace(null)).hasMessageContaining("minFreeSpace");
        assertThatThrownBy(() -> d.withLimits(null)).hasMessageContaining("limits");
    }

    @Test
    void aFloorIsAShareOfTheFileSystemOrAFixedNumberOfBytes() {
        assertThat(FreeSpaceFloor.percent(5).bytesOf(1000)).isEqualTo(50);
        assertThat(FreeSpaceFloor.percent(5).bytesOf(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 100 * 5);
        assertThat(FreeSpaceFloor.bytes(64).bytesOf(1000)).isEqualTo(64);
        assertThat(FreeSpaceFloor.percent(5).describe()).isEqualTo("5 % of the file system");
        assertThat(FreeSpaceFloor.bytes(64L * 1024 * 1024).describe()).isEqualTo("64.0 MiB");
        assertThatThrownBy(() -> FreeSpaceFloor.percent(100)).hasMessageContaining("0 to 99 %");
        assertThatThrownBy(() -> FreeSpaceFloor.bytes(-1)).hasMessageContaining("negative");
    }
}
