package dev.berth.testkit.git;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** git's own daemon serving the repositories under a directory over git:// on 127.0.0.1, for real-network tests. */
public final class GitDaemon implements AutoCloseable {
    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static GitDaemon start(Path base, Path log) throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(List.of(
                        "git",
                        "daemon",
                        "--base-path=" + base,
                        "--export-all",
                        "--port=" + port,
                        "--listen=127.0.0.1",
                        "--reuseaddr",
                        "--informative-errors",
                        base.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        GitDaemon daemon = new GitDaemon(process, port);
        daemon.awaitListening();
        return daemon;
    }

    public String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    private void awaitListening() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("git daemon exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("git daemon did not listen on port " + port + " within 20 seconds");
    }

    public int port() {
        return port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
