package dev.berth.fetchers;

import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/** Which TLS servers to trust when not the JDK's defaults, e.g. a private CA or a test certificate. */
public record TlsTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
    public TlsTrust {
        Objects.requireNonNull(socketFactory, "socketFactory");
        Objects.requireNonNull(trustManager, "trustManager");
    }
}
