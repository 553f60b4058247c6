package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What this host allows, whatever the manifest says: the git repository cannot override it. An image that asks for
 * more is refused with PolicyViolation and nothing about it changes.
 *
 * @param allowedUrlPrefixes image, sums and sidecar URLs must start with one of these; empty allows any
 * @param maxImageBytes the largest download allowed
 * @param limitCaps the most each limit may be set to; an entry must set every capped limit, at or below its cap
 */
public record LocalPolicy(
        Set<String> allowedProfiles,
        List<String> allowedUrlPrefixes,
        long maxImageBytes,
        boolean allowHttp,
        Limits limitCaps) {
    public static final long DEFAULT_MAX_IMAGE_BYTES = 8L * 1024 * 1024 * 1024;
    /** The agent's default: no "trusted" profile (almost no sandboxing) unless the host allows it. */
    public static final Set<String> DEFAULT_PROFILES = Set.of("default", "strict", "nonetwork");

    public LocalPolicy {
        allowedProfiles = Set.copyOf(allowedProfiles);
        allowedUrlPrefixes = List.copyOf(allowedUrlPrefixes);
        if (maxImageBytes <= 0) {
            throw new IllegalArgumentException("maxImageBytes must be positive");
        }
        Objects.requireNonNull(limitCaps, "limitCaps");
    }

    /** A policy that caps no limit. */
    public LocalPolicy(
            Set<String> allowedProfiles, List<String> allowedUrlPrefixes, long maxImageBytes, boolean allowHttp) {
        this(allowedProfiles, allowedUrlPrefixes, maxImageBytes, allowHttp, Limits.NONE);
    }

    /** The agent's defaults. */
    public static LocalPolicy defaults() {
        return new LocalPolicy(DEFAULT_PROFILES, List.of(), DEFAULT_MAX_IMAGE_BYTES, false);
    }

    /** Any profile, any URL, any size: for tests of code that does not enforce the policy. */
    public static LocalPolicy permissive(boolean allowHttp) {
        return new LocalPolicy(Set.of(), List.of(), DEFAULT_MAX_IMAGE_BYTES, allowHttp);
    }

    public LocalPolicy withAllowHttp(boolean allow) {
        return new LocalPolicy(allowedProfiles, allowedUrlPrefixes, maxImageBytes, allow, limitCaps);
    }

    /** An empty profile set allows every profile. */
    public boolean allowsProfile(String profile) {
        return allowedProfiles.isEmpty() || allowedProfiles.contains(profile);
    }
}
