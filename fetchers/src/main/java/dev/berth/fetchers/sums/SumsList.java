package dev.berth.fetchers.sums;

import dev.berth.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SHA256SUMS list as sha256sum writes it: one {@code <64 hex digits><space><space or *><file name>} per line,
 * a leading backslash when the name holds a newline or backslash (escaped as \n and \\). Blank lines are ignored;
 * anything else that does not fit, or a name listed twice with different hashes, makes the whole list unusable.
 */
final class SumsList {
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)", Pattern.DOTALL);
    private static final int EXCERPT = 60;

    private final Map<String, Sha256> entries;

    /** Why a line cannot be used; the message is a clause that follows "line N". */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        Malformed(int line, String why) {
            super(why);
            this.line = line;
        }

        /** 1 for the first line. */
        int line() {
            return line;
        }
    }

    private SumsList(Map<String, Sha256> entries) {
        this.entries = Map.copyOf(entries);
    }

    static SumsList parse(byte[] bytes) throws Malformed {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        Map<String, Sha256> entries = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            boolean escaped = line.startsWith("\\");
            Matcher m = LINE.matcher(escaped ? line.substring(1) : line);
            if (!m.matches()) {
                throw new Malformed(
                        number,
                        "is not \"<64 hex digits>  <file name>\" as sha256sum writes it: \"" + excerpt(line) + "\"");
            }
            String name = escaped ? unescape(m.group(2), number) : m.group(2);
            Sha256 sha256 = new Sha256(m.group(1));
            Sha256 earlier = entries.putIfAbsent(name, sha256);
            if (earlier == null) {
                firstSeen.put(name, number);
            } else if (!earlier.equals(sha256)) {
                throw new Malformed(
                        number,
                        "lists " + name + " again with another sha256 (" + sha256.shortHex() + "…, but line "
                                + firstSeen.get(name) + " has " + earlier.shortHex() + "…)");
            }
        }
        return new SumsList(entries);
    }

    Optional<Sha256> sha256(String fileName) {
        return Optional.ofNullable(entries.get(fileName));
    }

    int size() {
        return entries.size();
    }

    private static String unescape(String name, int number) throws Malformed {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            char next = i + 1 < name.length() ? name.charAt(i + 1) : ' ';
            if (next != 'n' && next != '\\') {
                throw new Malformed(number, "has an escaped file name with an unknown escape \"\\" + next + "\"");
            }
            out.append(next == 'n' ? '\n' : '\\');
            i += 2; // the backslash and the escaped character
        }
        return out.toString();
    }

    /** The start of a line, safe to print: control characters become '?'. */
    private static String excerpt(String line) {
        String start = line.length() > EXCERPT ? line.substring(0, EXCERPT) + "…" : line;
        StringBuilder out = new StringBuilder(start.length());
        start.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
