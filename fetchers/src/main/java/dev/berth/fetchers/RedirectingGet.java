package dev.berth.fetchers;

import dev.berth.model.Urls;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one way the fetchers GET over http(s), for images and signed SHA256SUMS alike: it follows redirects itself,
 * counting them and checking every hop with {@link HttpRules} (scheme, downgrade, loops), refuses an untrusted TLS
 * certificate, holds every call to the speed floor, and tells every other failure as one another attempt may fix.
 * The final response goes to the caller's handler. OkHttp types stay in here.
 */
public final class RedirectingGet implements AutoCloseable {
    /** The GET failed in a way another attempt may fix: the network, a timeout, a server too slow. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String message, IOException cause) {
            super(message, cause);
        }

        /** What failed; never null, since the only constructor takes it. */
        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }

    /** Reads the final response, body included; an IOException while reading is told as a failed transfer. */
    @FunctionalInterface
    public interface Handler<T, X extends Exception> {
        T handle(HttpAnswer answer) throws IOException, X;
    }

    private final DownloadPolicy policy;
    private final String protectedBy;
    private final OkHttpClient client;
    private final SpeedFloor floor;
    private final ActiveCalls active = new ActiveCalls();

    /** @param protectedBy what still protects the content over plain http: "the sha256", "the signature" */
    public RedirectingGet(DownloadPolicy policy, DownloadContext context, String protectedBy) {
        this.policy = policy;
        this.protectedBy = protectedBy;
        this.client = HttpClientFactory.create(policy, context);
        this.floor = new SpeedFloor(policy, context.clock());
    }

    /** Refuses a first URL the rules do not allow (plain http when it is not allowed, other schemes). */
    public void checkStart(URI url) throws Refused {
        HttpRules.checkScheme(policy, Optional.empty(), url, protectedBy);
    }

    /** GETs {@code start} with {@code headers} on every hop and hands the final response to {@code handler}. */
    public <T, X extends Exception> T get(URI start, Map<String, String> headers, Handler<T, X> handler)
            throws Refused, Failed, X {
        checkStart(start);
        URI url = start;
        Set<String> seen = new LinkedHashSet<>();
        seen.add(start.toString());
        for (int redirects = 0; ; redirects++) {
            Call call = active.track(client.newCall(request(url, headers)));
            try (SpeedWatch watch = floor.watch(call::cancel)) {
                Response response;
                try {
                    response = call.execute();
                } catch (IOException e) {
                    throw failure(url, e, watch, "before the response arrived");
                }
                watch.headersArrived();
                try (response) {
                    int code = response.code();
                    if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                        url = HttpRules.nextHop(policy, url, response.header("Location"), redirects, seen, protectedBy);
                        continue;
                    }
                    return handler.handle(new HttpAnswer(url, response, watch));
                } catch (IOException e) {
                    throw failure(url, e, watch, "while reading the body");
                }
            } finally {
                active.done(call);
            }
        }
    }

    /** Drops every call under way at once, for a stopping agent; no new call starts afterwards. */
    public void cancelAll() {
        active.cancelAll();
    }

    /** True once {@link #cancelAll} was called: a failure since then is the shutdown, not the network. */
    public boolean cancelled() {
        return active.cancelled();
    }

    @Override
    public void close() {
        floor.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static Request request(URI url, Map<String, String> headers) throws Refused {
        try {
            Request.Builder b = new Request.Builder()
                    .url(url.toString())
                    .header("User-Agent", "berth")
                    // A compressed body would not be the bytes the sha256 or the signature covers.
                    .header("Accept-Encoding", "identity");
            headers.forEach(b::header);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new Refused(
                    "the URL " + Urls.redact(url) + " cannot be requested (" + HttpRules.scrub(e) + ")",
                    "check the url in the manifest or the server's redirects");
        }
    }

    private Failed failure(URI url, IOException e, SpeedWatch watch, String when) throws Refused {
        Optional<String> tooSlow = watch.tooSlow();
        if (tooSlow.isPresent()) {
            return new Failed(tooSlow.get() + " " + when, e);
        }
        if (HttpRules.untrustedCertificate(e)) {
            throw new Refused(
                    "the TLS certificate of " + url.getHost() + " is not trusted (" + HttpRules.scrub(e) + ")",
                    "use a certificate from a trusted CA, or add the CA to the agent's trust store");
        }
        return new Failed(HttpRules.describe(e, url, policy, when), e);
    }
}
