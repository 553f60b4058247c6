package dev.berth.reconciler;

import dev.berth.model.BerthException;
import dev.berth.model.Digest;
import dev.berth.model.ImageSpec;
import dev.berth.model.Manifest;
import dev.berth.model.plan.Finding;
import dev.berth.reconciler.port.DigestResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest with every sha256 known: digests listed in signed SHA256SUMS files are looked up; an image whose
 * list cannot be read or verified is held as it is, with the reason.
 */
record Resolution(Manifest manifest, Map<String, Finding.Refused> holds) {
    /** Resolves every listed digest, except those of images already held (nothing is fetched for them). */
    static Resolution of(Manifest desired, Set<String> held, DigestResolver resolver) {
        List<ImageSpec> images = new ArrayList<>();
        Map<String, Finding.Refused> holds = new LinkedHashMap<>();
        for (ImageSpec spec : desired.images()) {
            if (spec.resolved() || held.contains(spec.name())) {
                images.add(spec);
                continue;
            }
            Digest.Listed listed = (Digest.Listed) spec.digest();
            try {
                images.add(spec.resolvedTo(resolver.sha256(listed.sums(), fileName(spec), spec.label())));
            } catch (BerthException e) {
                images.add(spec);
                holds.put(spec.name(), new Finding.Refused(spec.name(), e.reason(), e.getMessage()));
            }
        }
        return new Resolution(desired.withImages(images), holds);
    }

    /** The name SHA256SUMS lists the image under: the last part of its URL, as sha256sum printed it. */
    static String fileName(ImageSpec spec) {
        String path = spec.url().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
