package dev.berth.fetchers.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An ssh server on 127.0.0.1 (Apache MINA sshd) that answers git-upload-pack for the repositories under a
 * directory with JGit's UploadPack, accepting one client key. Its host key is made fresh for each test.
 */
final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger uploads = new AtomicInteger();

    SshGitServer(Path base, KeyPair clientKey) throws IOException, GeneralSecurityException {
        this.hostKey = ecKey();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new UploadPackCommand(base, command));
        server.start();
    }

    static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** An Ed25519 key, the usual deploy key, made with BouncyCastle (which sshd needs for EdDSA). */
    static KeyPair ed25519Key() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .generateKeyPair();
    }

    /** Writes {@code key} as an OpenSSH private key file, as ssh-keygen would. */
    static Path writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "berth-test", null, out);
        }
        return file;
    }

    int port() {
        return server.getPort();
    }

    String url(String repository) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repository;
    }

    /** The known_hosts line that trusts this server, as ssh-keyscan would print it. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        threads.shutdownNow();
    }

    private final class UploadPackCommand implements Command {
        private final Path base;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path base, String command) {
            this.base = base;
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            String protocol = env.getEnv().get("GIT_PROTOCOL");
            // Every outcome reaches the client as the command's exit status; nothing waits on the future.
            Future<?> unused = threads.submit(() -> {
                List<String> words = List.of(command.split(" ", 2));
                if (words.size() != 2 || !words.get(0).equals("git-upload-pack")) {
                    err.write(
                            ("only git-upload-pack is served, not " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(1);
                    return null;
                }
                String path = words.get(1).replace("'", "").replaceFirst("^/", "");
                try (Repository repo = new FileRepositoryBuilder()
                        .setWorkTree(base.resolve(path).toFile())
                        .setMustExist(true)
                        .build()) {
                    UploadPack upload = new UploadPack(repo);
                    if (protocol != null) {
                        upload.setExtraParameters(List.of(protocol.split(":")));
                    }
                    uploads.incrementAndGet();
                    upload.upload(in, out, err);
                    out.flush();
                    exit.onExit(0);
                } catch (IOException | RuntimeException e) {
                    exit.onExit(1, String.valueOf(e.getMessage()));
                }
                return null;
            });
        }

        @Override
        public void destroy(ChannelSession channel) {}

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }
    }
}
