package dev.berth.reconciler.fake;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.reconciler.port.DigestResolver;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** SHA256SUMS lists in memory, each either verified or refused. */
public final class FakeDigestResolver implements DigestResolver {
    private final Map<URI, Map<String, Sha256>> lists = new HashMap<>();
    private final Map<URI, BerthException> refused = new HashMap<>();

    /** A verified list at {@code sums} naming {@code fileName}. */
    public void list(URI sums, String fileName, Sha256 sha256) {
        lists.computeIfAbsent(sums, u -> new HashMap<>()).put(fileName, sha256);
        refused.remove(sums);
    }

    /** The list at {@code sums} fails, as a bad signature would. */
    public void refuse(URI sums, BerthException e) {
        refused.put(sums, e);
    }

    @Override
    public Sha256 sha256(URI sums, String fileName, String imageLabel) {
        BerthException failure = refused.get(sums);
        if (failure != null) {
            throw failure;
        }
        Sha256 sha = lists.getOrDefault(sums, Map.of()).get(fileName);
        if (sha == null) {
            throw new BerthException(
                    Reason.VerificationFailed, "image " + imageLabel + ": " + sums + " does not list " + fileName);
        }
        return sha;
    }
}
