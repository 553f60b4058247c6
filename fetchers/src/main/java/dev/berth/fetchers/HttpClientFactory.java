package dev.berth.fetchers;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp client of a {@link RedirectingGet} from the policy and the context: timeouts, proxies from
 * the environment, extra TLS trust, sockets that read in large chunks; no redirects or retries of its own.
 */
final class HttpClientFactory {
    private HttpClientFactory() {}

    static OkHttpClient create(DownloadPolicy policy, DownloadContext context) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(policy.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Redirects are followed by RedirectingGet, which counts them and checks every hop.
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries are ours, with backoff and resume; OkHttp's silent ones would hide failures.
                .retryOnConnectionFailure(false)
                .proxySelector(EnvProxySelector.from(context.environment()))
                // Okio reads 8 KiB at a time; these sockets read the kernel in large chunks below it.
                .socketFactory(new LargeReadSockets());
        context.tls().ifPresent(t -> b.sslSocketFactory(t.socketFactory(), t.trustManager()));
        return b.build();
    }
}
