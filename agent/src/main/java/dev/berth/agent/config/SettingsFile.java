package dev.berth.agent.config;

import dev.berth.fetchers.DownloadPolicy;
import dev.berth.fetchers.FreeSpaceFloor;
import dev.berth.model.BerthException;
import dev.berth.model.Limit;
import dev.berth.model.Limits;
import dev.berth.model.LimitsParser;
import dev.berth.model.LocalPolicy;
import dev.berth.model.Manifest;
import dev.berth.model.ManifestInvalidException;
import dev.berth.model.Names;
import dev.berth.model.Reason;
import dev.berth.model.fleet.MaintenanceWindows;
import dev.berth.model.yaml.Fields;
import dev.berth.model.yaml.Problems;
import dev.berth.model.yaml.YamlReader;
import dev.berth.reconciler.health.HealthPolicy;
import dev.berth.reconciler.loop.Schedule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's configuration (/etc/berth/agent.yaml) into {@link Settings}, as strictly as a manifest: every
 * unknown or malformed setting is reported, with its line and column. Settings not in the file keep the defaults
 * of {@link Settings#defaults()}.
 */
public final class SettingsFile {
    public static final String KIND = "AgentConfig";
    static final Set<String> TOP = Set.of(
            "apiVersion",
            "kind",
            "source",
            "interval",
            "jitter",
            "backoff",
            "stateDir",
            "poolDir",
            "bus",
            "health",
            "driftCorrection",
            "policy",
            "download",
            "metrics",
            "host",
            "fleet",
            "trigger",
            MaintenanceConfig.KEY);
    static final Set<String> SOURCE = Set.of("manifest", "git", "trustedKeys");
    static final Set<String> GIT = Set.of(
            "url",
            "ref",
            "path",
            "tokenFile",
            "tokenEnv",
            "username",
            "passwordFile",
            "passwordEnv",
            "sshKey",
            "knownHosts");
    static final Set<String> BACKOFF = Set.of("base", "cap");
    static final Set<String> HEALTH = Set.of("stableFor", "timeout");
    static final Set<String> POLICY =
            Set.of("allowedProfiles", "allowedUrlPrefixes", "maxImageBytes", "allowHttp", "limits");
    /** The limits a host can cap: every one but the address lists, which are not amounts. */
    static final Set<Limit> CAPPABLE = EnumSet.complementOf(EnumSet.of(Limit.IP_ADDRESS_ALLOW, Limit.IP_ADDRESS_DENY));

    static final Set<String> DOWNLOAD =
            Set.of("connectTimeout", "readTimeout", "lowSpeedLimit", "lowSpeedTime", "minFreeSpace");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})\\s*%");
    static final Set<String> METRICS = Set.of("listen", "hostLabels");
    static final Set<String> HOST = Set.of("name", "labels");
    static final Set<String> TRIGGER = Set.of("secretFile");
    private static final Pattern ANY = Pattern.compile(".+");
    static final Pattern ABSOLUTE = Pattern.compile("/.*");
    static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HOST_NAME_LABEL = "name";

    private SettingsFile() {}

    public static Settings read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BerthException(
                    Reason.ManifestInvalid,
                    "cannot read the agent configuration " + file + ": "
                            + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
        return parse(text, file);
    }

    public static Settings parse(String text, Path file) {
        Problems problems = new Problems(file.toString());
        Optional<Settings> config = YamlReader.read(text, problems)
                .flatMap(root -> Fields.of(root, "", problems))
                .flatMap(top -> top(top, file));
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ManifestInvalidException(problems.sorted());
        }
        return config.get();
    }

    private static Optional<Settings> top(Fields f, Path file) {
        Settings defaults = Settings.defaults();
        f.rejectUnknown(TOP);
        f.requiredText("apiVersion")
                .ifPresent(v -> f.checked(
                        "apiVersion",
                        Optional.of(v),
                        Manifest.API_VERSION::equals,
                        "must be \"" + Manifest.API_VERSION + "\""));
        f.requiredText("kind")
                .ifPresent(v -> f.checked("kind", Optional.of(v), KIND::equals, "must be \"" + KIND + "\""));
        Optional<Fields> sourceFields = f.fields("source");
        Optional<SourceConfig> source = sourceFields.flatMap(SettingsFile::source);
        Optional<Path> trustedKeys = sourceFields.flatMap(s -> path(s, "trustedKeys"));
        Schedule schedule = schedule(f, defaults.schedule());
        Path stateDir = path(f, "stateDir").orElse(defaults.stateDir());
        Path poolDir = path(f, "poolDir").orElse(defaults.poolDir());
        Optional<String> bus = f.text("bus").filter(b -> !b.isBlank());
        HealthPolicy health =
                f.fields("health").map(h -> health(h, defaults.health())).orElse(defaults.health());
        boolean drift = f.bool("driftCorrection", defaults.driftCorrection());
        LocalPolicy policy =
                f.fields("policy").map(p -> policy(p, defaults.policy())).orElse(defaults.policy());
        DownloadPolicy download =
                f.fields("download").map(d -> download(d, defaults.download())).orElse(defaults.download());
        Optional<Fields> metricsFields = f.fields("metrics");
        metricsFields.ifPresent(m -> m.rejectUnknown(METRICS));
        Optional<InetSocketAddress> metrics =
                metricsFields.map(SettingsFile::listen).orElse(defaults.metricsListen());
        List<String> hostLabels = metricsFields.map(SettingsFile::hostLabels).orElse(defaults.metricsHostLabels());
        HostSettings host = f.fields("host").map(SettingsFile::host).orElse(defaults.host());
        FleetConfig fleet = f.fields("fleet").map(FleetConfig::read).orElse(defaults.fleet());
        Optional<Path> triggerSecret = f.fields("trigger").flatMap(t -> trigger(t, metrics));
        MaintenanceWindows maintenance = MaintenanceConfig.read(f);
        if (!f.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Settings(
                Optional.of(file),
                source,
                trustedKeys,
                schedule,
                stateDir,
                poolDir,
                bus,
                health,
                drift,
                policy,
                download,
                metrics,
                host,
                hostLabels,
                fleet,
                triggerSecret,
                maintenance));
    }

    private static HostSettings host(Fields h) {
        h.rejectUnknown(HOST);
        Optional<String> name = h.text("name", Names.HOST_NAME, Names.HOST_NAME_RULE);
        Map<String, String> labels = h.textMap(
                        "labels", Names.LABEL_KEY, Names.LABEL_KEY_RULE, Names.LABEL_VALUE, Names.LABEL_VALUE_RULE)
                .orElse(Map.of());
        return new HostSettings(name, labels);
    }

    /** Label names for berth_host_info: each once, and never "name", which holds the host's name. */
    private static List<String> hostLabels(Fields m) {
        List<String> keys =
                m.textList("hostLabels", Names.LABEL_KEY, Names.LABEL_KEY_RULE).orElse(List.of());
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (key.equals(HOST_NAME_LABEL)) {
                m.problems()
                        .add(
                                m.positionOf("hostLabels"),
                                m.path("hostLabels"),
                                "\"name\" is the label berth_host_info gives the host's name; list host.labels keys"
                                        + " only");
            } else if (!seen.add(key)) {
                m.problems().add(m.positionOf("hostLabels"), m.path("hostLabels"), "names \"" + key + "\" twice");
            }
        }
        return keys;
    }

    private static DownloadPolicy download(Fields d, DownloadPolicy defaults) {
        d.rejectUnknown(DOWNLOAD);
        Duration connect = d.duration("connectTimeout").orElse(defaults.connectTimeout());
        Duration read = d.duration("readTimeout").orElse(defaults.readTimeout());
        long lowSpeedLimit = d.text("lowSpeedLimit")
                .flatMap(t -> size(d, "lowSpeedLimit", t, true))
                .orElse(defaults.lowSpeedLimit());
        Duration lowSpeedTime = d.duration("lowSpeedTime").orElse(defaults.lowSpeedTime());
        FreeSpaceFloor floor = d.text("minFreeSpace").flatMap(t -> floor(d, t)).orElse(defaults.minFreeSpace());
        if (lowSpeedTime.isZero() || lowSpeedTime.isNegative()) {
            d.problems().add(d.positionOf("lowSpeedTime"), d.path("lowSpeedTime"), "must be positive");
            lowSpeedTime = defaults.lowSpeedTime();
        }
        return defaults.withTimeouts(connect, read)
                .withLowSpeed(lowSpeedLimit, lowSpeedTime)
                .withMinFreeSpace(floor);
    }

    /** "5%" of the pool's file system, or a size such as 2GiB. */
    private static Optional<FreeSpaceFloor> floor(Fields d, String text) {
        Matcher percent = PERCENT.matcher(text.trim());
        if (percent.matches()) {
            return Optional.of(FreeSpaceFloor.percent(Integer.parseInt(percent.group(1))));
        }
        Optional<Long> bytes = text.trim().equals("0") ? Optional.of(0L) : ByteSizes.parse(text);
        if (bytes.isEmpty()) {
            d.problems()
                    .add(
                            d.positionOf("minFreeSpace"),
                            d.path("minFreeSpace"),
                            "must be a share of the pool's file system such as 5% (0 to 99), or a size such as"
                                    + " 2GiB, got \"" + text + "\"");
        }
        return bytes.map(FreeSpaceFloor::bytes);
    }

    /** A size; {@code zero} allows 0 (a speed floor of 0 turns the check off). */
    private static Optional<Long> size(Fields f, String key, String text, boolean zero) {
        if (zero && text.trim().equals("0")) {
            return Optional.of(0L);
        }
        Optional<Long> parsed = ByteSizes.parse(text);
        if (parsed.isEmpty()) {
            f.problems().add(f.positionOf(key), f.path(key), ByteSizes.RULE + ", got \"" + text + "\"");
        }
        return parsed;
    }

    private static Optional<SourceConfig> source(Fields s) {
        s.rejectUnknown(SOURCE);
        if (s.has("manifest") == s.has("git")) {
            s.problems()
                    .add(
                            s.position(),
                            s.path("manifest"),
                            "give exactly one of manifest (a file or directory) and git (a repository)");
            return Optional.empty();
        }
        if (s.has("manifest")) {
            return path(s, "manifest").map(SourceConfig.Manifest::new);
        }
        return s.fields("git").flatMap(SettingsFile::git);
    }

    private static Optional<SourceConfig> git(Fields g) {
        g.rejectUnknown(GIT);
        Optional<String> url = g.requiredText("url");
        SourceConfig.Git git = new SourceConfig.Git(new GitAccess(
                url.orElse(""),
                g.text("ref"),
                g.text("path").orElse(""),
                path(g, "tokenFile"),
                g.text("tokenEnv", ENV, "must be an environment variable name"),
                g.text("username"),
                path(g, "passwordFile"),
                g.text("passwordEnv", ENV, "must be an environment variable name"),
                path(g, "sshKey"),
                path(g, "knownHosts")));
        return url.map(u -> git);
    }

    private static Schedule schedule(Fields f, Schedule defaults) {
        Duration interval = f.duration("interval").orElse(defaults.interval());
        double jitter =
                f.text("jitter").map(j -> fraction(f, j, defaults.jitter())).orElse(defaults.jitter());
        Optional<Fields> backoff = f.fields("backoff");
        backoff.ifPresent(b -> b.rejectUnknown(BACKOFF));
        Duration base = backoff.flatMap(b -> b.duration("base")).orElse(defaults.backoffBase());
        Duration cap = backoff.flatMap(b -> b.duration("cap")).orElse(defaults.backoffCap());
        try {
            return new Schedule(interval, jitter, base, cap);
        } catch (IllegalArgumentException e) {
            f.problems().add(f.positionOf("interval"), "interval", String.valueOf(e.getMessage()));
            return defaults;
        }
    }

    private static double fraction(Fields f, String text, double fallback) {
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        f.problems()
                .add(
                        f.positionOf("jitter"),
                        "jitter",
                        "must be a fraction from 0 to 1 (0.1 spreads passes by" + " 10% either way), got \"" + text
                                + "\"");
        return fallback;
    }

    private static HealthPolicy health(Fields h, HealthPolicy defaults) {
        h.rejectUnknown(HEALTH);
        Duration stable = h.duration("stableFor").orElse(defaults.stableFor());
        Duration timeout = h.duration("timeout").orElse(defaults.timeout());
        try {
            return new HealthPolicy(stable, timeout, defaults.pollEvery());
        } catch (IllegalArgumentException e) {
            h.problems().add(h.positionOf("timeout"), h.path("timeout"), String.valueOf(e.getMessage()));
            return defaults;
        }
    }

    private static LocalPolicy policy(Fields p, LocalPolicy defaults) {
        p.rejectUnknown(POLICY);
        List<String> profiles = p.textList("allowedProfiles", Names.PROFILE, Names.PROFILE_RULE)
                .orElse(List.copyOf(defaults.allowedProfiles()));
        if (profiles.isEmpty()) {
            p.problems()
                    .add(p.positionOf("allowedProfiles"), p.path("allowedProfiles"), "must allow at least one profile");
        }
        List<String> prefixes =
                p.textList("allowedUrlPrefixes", ANY, "must be a URL prefix").orElse(defaults.allowedUrlPrefixes());
        long maxBytes = p.text("maxImageBytes")
                .flatMap(t -> size(p, "maxImageBytes", t, false))
                .orElse(defaults.maxImageBytes());
        boolean allowHttp = p.bool("allowHttp", defaults.allowHttp());
        Limits caps =
                p.fields("limits").flatMap(l -> LimitsParser.read(l, CAPPABLE)).orElse(defaults.limitCaps());
        return new LocalPolicy(
                profiles.isEmpty() ? defaults.allowedProfiles() : Set.copyOf(profiles),
                prefixes,
                maxBytes,
                allowHttp,
                caps);
    }

    private static Optional<InetSocketAddress> listen(Fields m) {
        if (!m.has("listen")) {
            return Settings.defaults().metricsListen();
        }
        Optional<String> text = m.text("listen");
        if (text.isEmpty() || text.get().equals("off")) {
            return Optional.empty();
        }
        int colon = text.get().lastIndexOf(':');
        try {
            String host =
                    colon <= 0 ? "0.0.0.0" : text.get().substring(0, colon).replaceAll("^\\[|\\]$", "");
            int port = Integer.parseInt(text.get().substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return Optional.of(new InetSocketAddress(host, port));
        } catch (RuntimeException e) {
            m.problems()
                    .add(
                            m.positionOf("listen"),
                            m.path("listen"),
                            "must be HOST:PORT (e.g. 127.0.0.1:" + Settings.METRICS_PORT + "), :PORT, or off, got \""
                                    + text.get() + "\"");
            return Optional.empty();
        }
    }

    /** The trigger's secret file; the trigger is served on the metrics listener, so it needs one. */
    private static Optional<Path> trigger(Fields t, Optional<InetSocketAddress> metrics) {
        t.rejectUnknown(TRIGGER);
        if (!t.require("secretFile")) {
            return Optional.empty();
        }
        if (metrics.isEmpty()) {
            t.problems()
                    .add(
                            t.positionOf("secretFile"),
                            t.path("secretFile"),
                            "POST /trigger is served on metrics.listen, which is off: give metrics.listen an address");
            return Optional.empty();
        }
        return path(t, "secretFile");
    }

    private static Optional<Path> path(Fields f, String key) {
        return f.text(key, ABSOLUTE, "must be an absolute path").map(Path::of);
    }
}
