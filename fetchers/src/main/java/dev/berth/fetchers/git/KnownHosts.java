package dev.berth.fetchers.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.jspecify.annotations.Nullable;

/**
 * The only host keys Berth trusts: those in the operator's known_hosts file. Unlike an interactive ssh it never
 * learns a new host key, and it remembers why it refused one, because JGit only reports that the key "did not
 * validate".
 */
final class KnownHosts implements ServerKeyDatabase {
    private final Path file;
    private volatile @Nullable String refusal; // none until a host key was refused

    KnownHosts(Path file) {
        this.file = file;
    }

    /** Why the last host key was refused, if one was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    void forget() {
        refusal = null;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remote, Configuration config) {
        List<PublicKey> keys = new ArrayList<>();
        try {
            for (KnownHostEntry entry : matching(connectAddress, remote)) {
                PublicKey key = key(entry);
                if (entry.getMarker() == null && key != null) {
                    keys.add(key);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return keys;
    }

    @Override
    public boolean accept(
            String connectAddress,
            InetSocketAddress remote,
            PublicKey serverKey,
            Configuration config,
            CredentialsProvider provider) {
        String host = connectAddress + " (" + KeyUtils.getKeyType(serverKey) + " key "
                + KeyUtils.getFingerPrint(serverKey) + ")";
        List<KnownHostEntry> entries;
        try {
            entries = matching(connectAddress, remote);
        } catch (IOException e) {
            refusal = "the known_hosts file " + file
                    + (e instanceof NoSuchFileException
                            ? " does not exist"
                            : " cannot be read (" + e.getClass().getSimpleName() + ")");
            return false;
        }
        for (KnownHostEntry entry : entries) {
            PublicKey known = key(entry);
            if (known != null && KeyUtils.compareKeys(known, serverKey)) {
                if ("@revoked".equals(entry.getMarker())) {
                    refusal = "the host key of " + host + " is marked @revoked in " + file;
                    return false;
                }
                if (entry.getMarker() == null) {
                    return true;
                }
            }
        }
        refusal = entries.isEmpty()
                ? "host " + host + " is not in the known_hosts file " + file
                        + "; add its key (for example with ssh-keyscan, checked against the server) to trust it"
                : "host " + host + " does not match the key listed for it in " + file
                        + "; the server's key changed or someone is in between";
        return false;
    }

    private List<KnownHostEntry> matching(String connectAddress, InetSocketAddress remote) throws IOException {
        String host = connectAddress;
        int port = remote == null ? 22 : remote.getPort();
        if (host.startsWith("[") && host.contains("]:")) {
            port = Integer.parseInt(host.substring(host.indexOf("]:") + 2));
            host = host.substring(1, host.indexOf("]:"));
        }
        List<KnownHostEntry> found = new ArrayList<>();
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            if (entry.isHostMatch(host, port)) {
                found.add(entry);
            }
        }
        return found;
    }

    private static @Nullable PublicKey key(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }
}
