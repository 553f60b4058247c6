package dev.berth.fetchers.sums;

import dev.berth.fetchers.DownloadContext;
import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.RedirectingGet;
import dev.berth.fetchers.pgp.DetachedSignature;
import dev.berth.fetchers.pgp.TrustedKeys;
import dev.berth.fetchers.pgp.Verdict;
import dev.berth.model.BerthException;
import dev.berth.model.Sha256;
import dev.berth.model.Urls;
import dev.berth.reconciler.port.DigestResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an image's sha256 in a signed SHA256SUMS over https, http (when allowed) or file, as systemd-sysupdate
 * does: the list and its detached signature (the list's URL with ".gpg" appended to the path) are downloaded, the
 * signature is checked against the trusted keys over the exact bytes of the list, and only then is the list read.
 *
 * <p>A verified list is kept in memory per URL, with its ETag and Last-Modified: the next pass asks the server
 * whether it changed (If-None-Match, If-Modified-Since) and a 304, or the same bytes again, reuses it without
 * fetching the signature or checking it again. A changed list, or a changed trusted keys file, is checked from
 * scratch. Failures are never kept. Memory is enough because the agent is long-running (a restart costs one full
 * check per list); the 64 most recently used lists are kept.
 */
public final class SignedSumsResolver implements DigestResolver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignedSumsResolver.class);
    /** Lists kept, the least recently used dropped first: old releases' lists should not pile up for months. */
    private static final int KEPT_LISTS = 64;

    private final Optional<Path> trustedKeys;
    private final RedirectingGet http;
    private final HttpGet httpGet;
    private final Map<URI, VerifiedSums> verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, VerifiedSums> eldest) {
            return size() > KEPT_LISTS;
        }
    });

    /**
     * @param trustedKeys the ASCII-armored public keys that may sign SHA256SUMS; when empty, every lookup is refused
     * @param policy timeouts, speed floor, redirect limit and whether plain http is allowed, as for image downloads
     * @param context proxies from its environment and extra TLS trust, as for image downloads
     */
    public SignedSumsResolver(Optional<Path> trustedKeys, DownloadPolicy policy, DownloadContext context) {
        this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys");
        this.http = new RedirectingGet(policy, context, "the signature");
        this.httpGet = new HttpGet(http);
    }

    @Override
    public Sha256 sha256(URI sums, String fileName, String imageLabel) {
        SumsJob job = new SumsJob(imageLabel, sums, trustedKeys);
        if (trustedKeys.isEmpty()) {
            throw job.noTrustedKeys();
        }
        String keys = stamp(trustedKeys.get());
        VerifiedSums list;
        try {
            list = current(
                    job,
                    Optional.ofNullable(verified.get(sums)).filter(v -> v.keys().equals(keys)),
                    keys);
        } catch (BerthException e) {
            verified.remove(sums);
            throw e;
        }
        verified.put(sums, list);
        return list.list()
                .sha256(fileName)
                .orElseThrow(() -> job.notListed(fileName, list.list().size()));
    }

    private VerifiedSums current(SumsJob job, Optional<VerifiedSums> cached, String keys) {
        Download.Validators ifChanged = cached.map(VerifiedSums::validators).orElse(Download.Validators.NONE);
        Download answer = get(job, job.sums(), ifChanged);
        if (answer instanceof Download.NotModified notModified && cached.isPresent()) {
            LOG.debug("SHA256SUMS {} unchanged (304)", Urls.redact(job.sums()));
            return cached.get().withValidators(notModified.validators());
        }
        if (answer instanceof Download.Missing missing) {
            throw job.refused(
                    job.sums(),
                    missing.how(),
                    "check the sums url in the manifest: it should name the release's SHA256SUMS");
        }
        if (!(answer instanceof Download.Body body)) {
            throw new IllegalStateException("unexpected answer " + answer);
        }
        if (cached.isPresent() && Arrays.equals(cached.get().bytes(), body.bytes())) {
            return cached.get().withValidators(body.validators());
        }
        return verify(job, body, keys);
    }

    private VerifiedSums verify(SumsJob job, Download.Body sums, String keys) {
        Download signature = get(job, job.signature(), Download.Validators.NONE);
        if (signature instanceof Download.Missing missing) {
            throw job.unsigned(missing.how());
        }
        if (!(signature instanceof Download.Body signed)) {
            throw new IllegalStateException("unexpected answer " + signature);
        }
        Verdict verdict =
                DetachedSignature.check(TrustedKeys.read(trustedKeys.orElseThrow()), signed.bytes(), sums.bytes());
        if (!verdict.passed()) {
            throw job.refused(verdict);
        }
        SumsList list;
        try {
            list = SumsList.parse(sums.bytes());
        } catch (SumsList.Malformed m) {
            throw job.malformed(m);
        }
        LOG.info(
                "SHA256SUMS {} verified: signed by {}, lists {} files",
                Urls.redact(job.sums()),
                verdict.key(),
                list.size());
        return new VerifiedSums(sums.bytes(), sums.validators(), keys, verdict.key(), list);
    }

    private Download get(SumsJob job, URI url, Download.Validators ifChanged) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return FileGet.read(job, url);
        }
        if (scheme.equals("https") || scheme.equals("http")) {
            return httpGet.get(job, url, ifChanged);
        }
        throw job.refused(url, "the scheme \"" + scheme + "\" is not supported", "use https, http or file");
    }

    /** What identifies the trusted keys file as it is now, so an edited file leads to a fresh check. */
    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file) + ":" + Files.size(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
