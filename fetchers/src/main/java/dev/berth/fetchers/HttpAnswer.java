package dev.berth.fetchers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import okhttp3.Response;

/** The final (non-redirect) response of a {@link RedirectingGet}, without OkHttp's types. */
public final class HttpAnswer {
    private final URI url;
    private final Response response;
    private final SpeedWatch watch;

    HttpAnswer(URI url, Response response, SpeedWatch watch) {
        this.url = url;
        this.response = response;
        this.watch = watch;
    }

    /** Where the answer came from, after any redirects. */
    public URI url() {
        return url;
    }

    public int code() {
        return response.code();
    }

    /** 408, 429 and 5xx: the server may answer otherwise in a while. */
    public boolean worthRetrying() {
        int code = code();
        return code == 408 || code == 429 || code >= 500;
    }

    /**
     * What a person should do about a status that refuses the file.
     *
     * @param which how the URL is called in the manifest: "the url", "the sums url"
     */
    public String refusalAdvice(String which) {
        int code = code();
        if (code == 404 || code == 410) {
            return "check " + which + " in the manifest: the server does not have this file";
        }
        if (code == 401 || code == 403) {
            return "the server refuses access: check " + which + ", or that the server lets this host download it";
        }
        if (code == 407) {
            return "the proxy wants credentials, which Berth does not send; allow the host through the proxy";
        }
        return "check " + which + " in the manifest and the server";
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(response.header(name));
    }

    /** The announced body length; -1 when the server did not say. */
    public long contentLength() {
        return response.body().contentLength();
    }

    /** The body; its bytes count towards the speed floor. */
    public InputStream body() {
        return new FilterInputStream(response.body().byteStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    watch.received(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    watch.received(n);
                }
                return n;
            }
        };
    }
}
