package dev.berth.fetchers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The plain sockets of the HTTP client, whose input is read through {@link LargeReads}: the body of an http URL,
 * and the TLS records of an https one (the JDK's TLS reads the socket below it through the same stream), come from
 * the kernel in large chunks instead of 8 KiB at a time. Timeouts, cancel and close act on the socket as before.
 */
final class LargeReadSockets extends SocketFactory {
    /** The most one read system call brings; the JDK itself reads a socket at most 128 KiB at a time. */
    static final int READ_BYTES = 128 * 1024;

    @Override
    public Socket createSocket() {
        return new LargeReadSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
        Socket s = new LargeReadSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A plain socket whose one input stream reads in large chunks. */
    private static final class LargeReadSocket extends Socket {
        private @Nullable InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new LargeReads(super.getInputStream(), READ_BYTES);
            }
            return input;
        }
    }
}
