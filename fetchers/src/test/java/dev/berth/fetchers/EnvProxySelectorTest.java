package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxySelectorTest {
    private static Proxy http(String host, int port) {
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
    }

    @Test
    void eachSchemeUsesItsOwnVariable() {
        EnvProxySelector s = EnvProxySelector.from(
                Map.of("HTTPS_PROXY", "http://secure.proxy:3128", "HTTP_PROXY", "plain.proxy:8080"));
        assertThat(s.select(URI.create("https://images.example/a.raw"))).containsExactly(http("secure.proxy", 3128));
        assertThat(s.select(URI.create("http://images.example/a.raw"))).containsExactly(http("plain.proxy", 8080));
    }

    @Test
    void theLowercaseVariableWins() {
        EnvProxySelector s =
                EnvProxySelector.from(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"));
        assertThat(s.select(URI.create("https://x.example/"))).containsExactly(http("lower", 1));
    }

    @Test
    void withoutVariablesEverythingIsDirect() {
        assertThat(EnvProxySelector.from(Map.of()).select(URI.create("https://x.example/")))
                .containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void noProxyCoversExactHostsDomainsAndSubdomainsButNotLookalikes() {
        EnvProxySelector s = EnvProxySelector.from(
                Map.of("https_proxy", "http://p:1", "NO_PROXY", " internal.example, .corp.example,10.0.0.5:443,[::1]"));
        assertThat(s.bypassed("internal.example")).isTrue();
        assertThat(s.bypassed("a.internal.example")).isTrue();
        assertThat(s.bypassed("corp.example")).isTrue();
        assertThat(s.bypassed("deep.in.corp.example")).isTrue();
        assertThat(s.bypassed("10.0.0.5")).isTrue();
        assertThat(s.bypassed("[::1]")).isTrue();
        assertThat(s.bypassed("notinternal.example")).isFalse();
        assertThat(s.bypassed("images.example")).isFalse();
        assertThat(s.select(URI.create("https://a.internal.example/x"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void aStarInNoProxyBypassesEverything() {
        EnvProxySelector s = EnvProxySelector.from(Map.of("https_proxy", "http://p:1", "no_proxy", "*"));
        assertThat(s.select(URI.create("https://anything.example/"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void socksProxiesAreSupported() {
        EnvProxySelector s = EnvProxySelector.from(Map.of("https_proxy", "socks5://127.0.0.1:1080"));
        assertThat(s.select(URI.create("https://x.example/")).get(0).type()).isEqualTo(Proxy.Type.SOCKS);
    }

    @Test
    void anUnusableProxyIsNamedWithoutItsSecrets() {
        assertThatThrownBy(() -> EnvProxySelector.from(Map.of("HTTPS_PROXY", "ftp://user:pw@proxy:21/?k=v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https_proxy must be http://host:port")
                .hasMessageNotContaining("pw");
    }
}
