package dev.berth.reconciler;

import dev.berth.model.Digest;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Sidecar;
import dev.berth.model.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** The pure check of one manifest entry against the host's local policy. */
final class PolicyCheck {
    private PolicyCheck() {}

    /** What the entry asks for that the policy forbids, or empty. */
    static Optional<String> violation(ImageSpec spec, LocalPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (!policy.allowsProfile(spec.profile())) {
            problems.add("profile \"" + spec.profile() + "\" is not allowed on this host (allowed: "
                    + String.join(", ", new TreeSet<>(policy.allowedProfiles())) + ")");
        }
        for (URI url : urls(spec)) {
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") && !policy.allowHttp()) {
                problems.add(Urls.redact(url) + " is plain http, which this host does not allow");
            }
            if (!policy.allowedUrlPrefixes().isEmpty()
                    && policy.allowedUrlPrefixes().stream()
                            .noneMatch(p -> url.toString().startsWith(p))) {
                problems.add(Urls.redact(url) + " is not under an allowed URL prefix ("
                        + String.join(", ", policy.allowedUrlPrefixes()) + ")");
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("image " + spec.label() + " (" + spec.origin() + ") breaks this host's local policy: "
                + String.join("; ", problems) + ". The policy is the host's (agent configuration), not the"
                + " manifest's: change the manifest entry, or the host's policy");
    }

    private static List<URI> urls(ImageSpec spec) {
        List<URI> urls = new ArrayList<>();
        urls.add(spec.url());
        if (spec.digest() instanceof Digest.Listed listed) {
            urls.add(listed.sums());
        }
        for (Sidecar sidecar : spec.sidecars()) {
            urls.add(sidecar.url());
        }
        return urls;
    }
}
