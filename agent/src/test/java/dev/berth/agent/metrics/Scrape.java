package dev.berth.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text scrape: name, labels, value. */
record Scrape(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value) {}

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new Scrape(samples);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the sample with exactly these labels (among others it may have). */
    Optional<Double> value(String name, String... labelPairs) {
        return named(name).stream()
                .filter(s -> has(s, labelPairs))
                .map(Sample::value)
                .findFirst();
    }

    /** Every metric family name, with the _bucket/_count/_sum/_max suffixes of histograms folded in. */
    java.util.Set<String> families() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Sample s : samples) {
            names.add(s.name());
            for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                if (s.name().endsWith(suffix)) {
                    names.add(s.name().substring(0, s.name().length() - suffix.length()));
                }
            }
        }
        return names;
    }

    private static boolean has(Sample s, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(s.labels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
