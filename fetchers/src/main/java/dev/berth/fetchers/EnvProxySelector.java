package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses proxies the way curl reads its environment: https URLs use https_proxy (or HTTPS_PROXY), http URLs
 * http_proxy (or HTTP_PROXY), the lowercase name winning; no_proxy (or NO_PROXY) lists hosts reached directly:
 * "*", exact names or IP addresses, and domains ("example.com" or ".example.com" also covers its subdomains).
 * Ports in no_proxy entries are ignored; CIDR ranges and proxy credentials are not supported. A proxy is
 * written "http://host:port", "host:port" or "socks5://host:port".
 */
public final class EnvProxySelector extends ProxySelector {
    private final Optional<Proxy> http;
    private final Optional<Proxy> https;
    private final List<String> noProxy;

    private EnvProxySelector(Optional<Proxy> http, Optional<Proxy> https, List<String> noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = noProxy;
    }

    /** Reads the variables from {@code env}; throws IllegalArgumentException naming a variable it cannot use. */
    public static EnvProxySelector from(Map<String, String> env) {
        List<String> noProxy = Arrays.stream(
                        variable(env, "no_proxy").orElse("").split(","))
                .map(s -> normalise(s.trim().toLowerCase(Locale.ROOT)))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
        return new EnvProxySelector(proxy(env, "http_proxy"), proxy(env, "https_proxy"), noProxy);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<Proxy> proxy = scheme.equals("https") ? https : scheme.equals("http") ? http : Optional.empty();
        if (proxy.isEmpty() || bypassed(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy.get());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // the fetcher's own retries deal with it
    }

    boolean bypassed(String rawHost) {
        if (rawHost == null) {
            return true;
        }
        String host = rawHost.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
        for (String entry : noProxy) {
            if (entry.equals("*") || host.equals(entry) || host.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String entry) {
        String e = entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry;
        if (e.startsWith("[")) {
            return e.replaceAll("^\\[([^\\]]*)\\].*$", "$1");
        }
        return e.chars().filter(c -> c == ':').count() == 1 ? e.substring(0, e.indexOf(':')) : e;
    }

    private static Optional<Proxy> proxy(Map<String, String> env, String name) {
        Optional<String> value = variable(env, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().contains("://") ? value.get() : "http://" + value.get();
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a proxy URL: " + Urls.redact(text));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.startsWith("socks"))) {
            throw new IllegalArgumentException(
                    name + " must be http://host:port or socks5://host:port, got " + Urls.redact(text));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("http") ? 80 : 1080;
        Proxy.Type type = scheme.equals("http") ? Proxy.Type.HTTP : Proxy.Type.SOCKS;
        return Optional.of(new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port)));
    }

    private static Optional<String> variable(Map<String, String> env, String lowerName) {
        String v = env.get(lowerName);
        if (v == null || v.isBlank()) {
            v = env.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
