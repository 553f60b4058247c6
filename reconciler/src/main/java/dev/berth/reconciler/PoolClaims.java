package dev.berth.reconciler;

import dev.berth.model.ExtensionSpec;
import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.Reason;
import dev.berth.model.Sha256;
import dev.berth.model.Sidecar;
import dev.berth.model.host.Observed;
import dev.berth.model.plan.Finding;
import dev.berth.model.state.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Which pool file each desired entry would store with which sha256. Entries may share a file only with the same
 * bytes (a shared base); a manifest that names one file (NAME_VERSION.raw) with two sha256s, say an extension named
 * like another entry's base, would make Berth overwrite a verified file and attach the wrong one. The file the
 * pool already holds as verified keeps its claim (else the first entry in manifest order); every entry that wants
 * other bytes under that name is refused, and left as it is.
 */
final class PoolClaims {
    private record Claim(String path, Sha256 sha256, ImageSpec spec, String what) {}

    private final Map<String, List<Claim>> byPath = new LinkedHashMap<>();

    PoolClaims(Manifest desired, String poolDir) {
        for (ImageSpec spec : desired.images()) {
            String target = poolDir + "/" + spec.fileName();
            // An entry whose sha256 is not resolved (its SHA256SUMS did not verify) is held anyway.
            spec.digest()
                    .sha256()
                    .ifPresent(sha256 -> add(new Claim(
                            target, sha256, spec, spec.extensions().isEmpty() ? "its image" : "its base image")));
            for (Sidecar sidecar : spec.sidecars()) {
                add(new Claim(sidecar.pathNextTo(target), sidecar.sha256(), spec, "its verity sidecar"));
            }
            for (ExtensionSpec extension : spec.extensions()) {
                Optional<Sha256> sha256 = extension.digest().sha256();
                if (sha256.isPresent()) {
                    add(new Claim(
                            poolDir + "/" + extension.fileName(),
                            sha256.get(),
                            spec,
                            "its extension " + extension.label()));
                }
            }
        }
    }

    private void add(Claim claim) {
        byPath.computeIfAbsent(claim.path(), p -> new ArrayList<>()).add(claim);
    }

    /**
     * The entries refused because they name a pool file another entry claims with other bytes.
     *
     * @param verified whether the pool holds the file at a path as verified with a sha256
     */
    Map<String, Finding.Refused> conflicts(BiPredicate<String, Sha256> verified) {
        Map<String, Finding.Refused> refused = new LinkedHashMap<>();
        for (List<Claim> claims : byPath.values()) {
            Claim kept = claims.stream()
                    .filter(c -> verified.test(c.path(), c.sha256()))
                    .findFirst()
                    .orElse(claims.get(0));
            for (Claim claim : claims) {
                if (!claim.sha256().equals(kept.sha256())) {
                    refused.putIfAbsent(claim.spec().name(), refusal(claim, kept));
                }
            }
        }
        return refused;
    }

    static Map<String, Finding.Refused> of(Manifest desired, String poolDir, Observed observed, Inventory inventory) {
        return new PoolClaims(desired, poolDir)
                .conflicts((path, sha256) -> Planner.trusted(path, sha256, observed, inventory));
    }

    private static Finding.Refused refusal(Claim claim, Claim kept) {
        ImageSpec spec = claim.spec();
        return new Finding.Refused(
                spec.name(),
                Reason.FileConflict,
                "image " + spec.label() + " (" + spec.origin() + "): " + claim.what() + " would be stored as "
                        + claim.path() + " with sha256 " + claim.sha256().shortHex() + "..., but image "
                        + kept.spec().label() + " (" + kept.spec().origin() + ") keeps "
                        + kept.what()
                        + " there with sha256 " + kept.sha256().shortHex() + "...; pool files are named"
                        + " NAME_VERSION.raw, so give one of them another name or version (or fix the sha256);"
                        + " Berth leaves " + spec.name() + " as it is until then");
    }
}
