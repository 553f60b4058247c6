package dev.berth.fetchers.git;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A commit object split the way git verifies it: the signature from the "gpgsig" header, and the signed payload,
 * which is the commit without its signature headers.
 */
record CommitSignature(byte[] payload, byte[] signature) {
    private static final String[] SIGNATURE_HEADERS = {"gpgsig", "gpgsig-sha256"};

    /** The signature and payload of a raw commit, or empty when it carries no signature. */
    static Optional<CommitSignature> of(byte[] rawCommit) {
        String text = new String(rawCommit, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\n\n");
        String headers = headersEnd < 0 ? text : text.substring(0, headersEnd + 1);
        String body = headersEnd < 0 ? "" : text.substring(headersEnd + 1);
        StringBuilder payload = new StringBuilder();
        StringBuilder signature = null;
        boolean inSignature = false;
        for (String line : headers.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(" ") && inSignature) {
                if (signature != null) {
                    signature.append(line.substring(1)).append('\n');
                }
                continue;
            }
            inSignature = false;
            String name = line.substring(0, Math.max(0, line.indexOf(' ')));
            if (isSignatureHeader(name)) {
                inSignature = true;
                if (name.equals("gpgsig") && signature == null) {
                    signature = new StringBuilder(line.substring(name.length() + 1)).append('\n');
                }
                continue;
            }
            payload.append(line).append('\n');
        }
        if (signature == null) {
            return Optional.empty();
        }
        payload.append(body);
        return Optional.of(new CommitSignature(latin1(payload), latin1(signature)));
    }

    boolean isOpenPgp() {
        return new String(signature, StandardCharsets.ISO_8859_1).startsWith("-----BEGIN PGP SIGNATURE-----");
    }

    private static boolean isSignatureHeader(String name) {
        for (String header : SIGNATURE_HEADERS) {
            if (header.equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ISO-8859-1 maps every byte to one char and back, so the payload is the commit's bytes exactly.
    private static byte[] latin1(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
