package dev.berth.agent.trigger;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code X-Hub-Signature-256} header of a forge's webhook: {@code sha256=} and the HMAC-SHA256 of the raw body
 * in hex, lower or upper case. GitHub, Gitea and Forgejo send it.
 */
final class Signature {
    static final String HEADER = "X-Hub-Signature-256";
    private static final String SCHEME = "sha256=";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final byte[] mac;

    private Signature(byte[] mac) {
        this.mac = mac;
    }

    /** The one signature among a request's values of the header; refused when there is none, or more than one. */
    static Signature of(List<String> values) throws Refusal {
        if (values.isEmpty()) {
            throw Refusal.unauthorized("no " + HEADER + " header: the request is not signed");
        }
        if (values.size() > 1) {
            throw Refusal.unauthorized("more than one " + HEADER + " header");
        }
        String value = values.get(0).strip();
        if (!value.startsWith(SCHEME)) {
            throw Refusal.unauthorized(HEADER + " does not start with " + SCHEME);
        }
        String hex = value.substring(SCHEME.length());
        if (!HEX.matcher(hex).matches()) {
            throw Refusal.unauthorized(HEADER + " is not " + SCHEME + " and 64 hexadecimal digits");
        }
        return new Signature(HexFormat.of().parseHex(hex));
    }

    /** Whether this is the MAC the secret gives for the body, compared in constant time. */
    boolean matches(byte[] expected) {
        return MessageDigest.isEqual(expected, mac);
    }

    /** The signature as a key for remembering deliveries; lower-case hex, so the case it came in does not matter. */
    String key() {
        return HexFormat.of().formatHex(mac);
    }

    @Override
    public String toString() {
        return "a signature"; // never the value: signatures stay out of logs and messages
    }
}
