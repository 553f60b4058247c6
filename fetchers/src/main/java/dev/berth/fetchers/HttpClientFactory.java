package dev.berth.fetchers;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttp client of a fetcher from the policy and the context: timeouts, proxies from the
 * environment, extra TLS trust; no redirects or retries of its own. Public for the other fetchers packages
 * (signed SHA256SUMS); OkHttp types stay inside the fetchers module.
 */
public final class HttpClientFactory {
    /** The client and how to release its threads and connections. */
    public record Client(OkHttpClient okhttp) implements AutoCloseable {
        @Override
        public void close() {
            okhttp.dispatcher().executorService().shutdown();
            okhttp.connectionPool().evictAll();
        }
    }

    private HttpClientFactory() {}

    public static Client create(DownloadPolicy policy, DownloadContext context) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(policy.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Redirects are followed by HttpTransfer, which counts them and checks every hop.
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries are ours, with backoff and resume; OkHttp's silent ones would hide failures.
                .retryOnConnectionFailure(false)
                .proxySelector(EnvProxySelector.from(context.environment()));
        context.tls().ifPresent(t -> b.sslSocketFactory(t.socketFactory(), t.trustManager()));
        return new Client(b.build());
    }
}
