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
