package dev.berth.reconciler;

import dev.berth.model.Digest;
import dev.berth.model.ImageSpec;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Provenance;
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

    /**
     * What the entry asks for that the policy forbids, or empty. A manifest from a repository may not name files
     * of this host (file: URLs) unless the policy lists a file: prefix they are under.
     */
    static Optional<String> violation(ImageSpec spec, LocalPolicy policy, Provenance provenance) {
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
            boolean file = scheme.equals("file");
            List<String> prefixes = policy.allowedUrlPrefixes();
            if (file && provenance == Provenance.REPOSITORY && prefixes.stream().noneMatch(UrlPrefixes::isFile)) {
                problems.add(Urls.redact(url) + " names a file on this host, which a manifest from a repository may"
                        + " not do unless the host's policy.allowedUrlPrefixes lists a file: prefix it is under");
            } else if (!prefixes.isEmpty() && prefixes.stream().noneMatch(p -> UrlPrefixes.under(url, p))) {
                problems.add(
                        Urls.redact(url) + " is not under an allowed URL prefix (" + String.join(", ", prefixes) + ")");
            }
        }
        problems.addAll(LimitCaps.exceeded(spec.limits(), policy.limitCaps()));
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
