package dev.berth.fetchers.git;

import dev.berth.model.Urls;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;

/**
 * Makes library messages safe to show: the URL as configured becomes its redacted form, and any credential
 * read during this source's life is cut out, should a library ever echo one back.
 */
final class Redactor {
    private static final int LONGEST = 400;
    private final String url;
    private final String redactedUrl;
    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    Redactor(String url) {
        this.url = url;
        // Urls.redact rebuilds the URL; keep the operator's spelling when there is nothing to hide.
        boolean secretFree = !url.contains("@") && !url.contains("?");
        this.redactedUrl = secretFree ? url : Urls.redact(url);
    }

    String url() {
        return redactedUrl;
    }

    void hide(String secret) {
        if (secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    String clean(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String result = text.replace(url, redactedUrl);
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        // A URL that carries user information or a query in a library's spelling of it.
        result = result.replaceAll("(?i)(https?://)[^/@\\s]+@", "$1").replaceAll("(://[^\\s?]+)\\?(?!…)\\S+", "$1?…");
        return result.length() > LONGEST ? result.substring(0, LONGEST) + "…" : result;
    }

    /** The useful part of an exception chain: each distinct message once, without the URL prefix JGit adds. */
    String describe(Throwable failure) {
        StringBuilder why = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = clean(t.getMessage()).strip();
            message = message.replace(redactedUrl + ": ", "").strip();
            if (message.isEmpty()) {
                message = t.getCause() == null ? t.getClass().getSimpleName() : "";
            }
            if (!message.isEmpty() && why.indexOf(message) < 0) {
                why.append(why.length() == 0 ? "" : ": ").append(message);
            }
        }
        return clean(why.toString());
    }
}
