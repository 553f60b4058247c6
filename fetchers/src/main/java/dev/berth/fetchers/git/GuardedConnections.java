package dev.berth.fetchers.git;

import java.io.IOException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.jspecify.annotations.Nullable;

/**
 * JGit's own HTTP connections (the JDK's HttpURLConnection), with the {@link OriginGuard} at the door: no
 * connection to another origin is opened, and a redirect to one is refused when its response arrives, before JGit
 * reads the Location header. Tests may give a trust manager for a local TLS server; otherwise the JDK's is used.
 */
final class GuardedConnections extends JDKHttpConnectionFactory {
    private final OriginGuard guard;
    private final Optional<X509TrustManager> trust;

    GuardedConnections(OriginGuard guard, Optional<X509TrustManager> trust) {
        this.guard = guard;
        this.trust = trust;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    /** A connection through {@code proxy}, or the JDK's choice of proxy when it is null. */
    @Override
    public HttpConnection create(URL url, @Nullable Proxy proxy) throws IOException {
        if (!guard.allows(Origin.of(url))) {
            try {
                throw guard.refuse(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("refusing a connection outside the configured origin", e);
            }
        }
        Connection connection = proxy == null ? new Connection(url, guard) : new Connection(url, proxy, guard);
        if (trust.isPresent() && url.getProtocol().equals("https")) {
            try {
                connection.configure(null, new TrustManager[] {trust.get()}, null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return connection;
    }

    private static final class Connection extends JDKHttpConnection {
        private final OriginGuard guard;

        Connection(URL url, OriginGuard guard) throws IOException {
            super(url);
            this.guard = guard;
        }

        Connection(URL url, Proxy proxy, OriginGuard guard) throws IOException {
            super(url, proxy);
            this.guard = guard;
        }

        @Override
        public int getResponseCode() throws IOException {
            int code = super.getResponseCode();
            if (code >= 300 && code < 400) {
                String location = getHeaderField("Location");
                if (location != null) {
                    guard.checkRedirect(getURL(), location);
                }
            }
            return code;
        }
    }
}
