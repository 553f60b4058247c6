package dev.berth.agent.config;

import static dev.berth.model.schema.JsonSchema.bool;
import static dev.berth.model.schema.JsonSchema.constant;
import static dev.berth.model.schema.JsonSchema.exactlyOne;
import static dev.berth.model.schema.JsonSchema.list;
import static dev.berth.model.schema.JsonSchema.object;
import static dev.berth.model.schema.JsonSchema.text;

import dev.berth.model.Manifest;
import dev.berth.model.ManifestSchema;
import dev.berth.model.Names;
import dev.berth.model.schema.JsonSchema;
import dev.berth.model.schema.SchemaNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Schema of the agent configuration (schemas/agent.schema.json), built from {@link SettingsFile}'s field
 * sets and rules: a setting the agent reads and this schema does not describe stops the build. The agent stays the
 * authority on what a schema cannot check (a trigger without a metrics listener, credentials over plain http).
 */
public final class AgentSchema {
    public static final String FILE = "agent.schema.json";

    private AgentSchema() {}

    public static SchemaNode document() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("apiVersion", constant("The configuration format's version.", Manifest.API_VERSION));
        f.put("kind", constant("What this file is.", SettingsFile.KIND));
        f.put("source", source());
        f.put("interval", ManifestSchema.duration("The time between passes."));
        f.put("jitter", text("A fraction from 0 to 1 by which passes are spread (0.1: 10% either way)."));
        f.put("backoff", backoff());
        f.put("stateDir", path("Where the agent keeps its state."));
        f.put("poolDir", path("Where images are kept (portabled's directory)."));
        f.put("bus", text("The D-Bus address of the system bus (default: the system bus)."));
        f.put("health", health());
        f.put("driftCorrection", bool("Put back what was changed by hand between passes."));
        f.put("policy", policy());
        f.put("download", download());
        f.put("metrics", metrics());
        f.put("host", host());
        f.put("fleet", fleet());
        f.put("trigger", trigger());
        f.put(MaintenanceConfig.KEY, list("The host's maintenance windows (left out: no windows).", window(), 0));
        return JsonSchema.document(
                "https://berth.dev/schemas/" + FILE,
                "Berth agent configuration",
                object(
                        "The Berth agent's configuration, /etc/berth/agent.yaml.",
                        SettingsFile.TOP,
                        f,
                        "apiVersion",
                        "kind"));
    }

    private static SchemaNode source() {
        Map<String, SchemaNode> git = new LinkedHashMap<>();
        git.put("url", text("The repository's URL."));
        git.put("ref", text("The branch, tag or commit to follow (default: the remote's HEAD)."));
        git.put("path", text("The manifest's file or directory inside the repository."));
        git.put("tokenFile", path("A file holding an access token."));
        git.put("tokenEnv", text("An environment variable holding an access token.", SettingsFile.ENV));
        git.put("username", text("The user name for a password."));
        git.put("passwordFile", path("A file holding the password."));
        git.put("passwordEnv", text("An environment variable holding the password.", SettingsFile.ENV));
        git.put("sshKey", path("The SSH private key for an ssh URL."));
        git.put("knownHosts", path("The known_hosts file for an ssh URL."));
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("manifest", path("A manifest file, or a directory of them."));
        f.put("git", object("A git repository holding the manifest.", SettingsFile.GIT, git, "url"));
        f.put("trustedKeys", path("The keys that must have signed the manifest's commit or SHA256SUMS files."));
        return exactlyOne(
                object("Where the manifest comes from: manifest or git.", SettingsFile.SOURCE, f), "manifest", "git");
    }

    private static SchemaNode backoff() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("base", ManifestSchema.duration("The first wait after a failed pass."));
        f.put("cap", ManifestSchema.duration("The longest wait after failed passes."));
        return object("How long to wait after failed passes, doubling.", SettingsFile.BACKOFF, f);
    }

    private static SchemaNode health() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("stableFor", ManifestSchema.duration("How long units must stay up to count as healthy."));
        f.put("timeout", ManifestSchema.duration("How long an image may take to become healthy."));
        return object("Health defaults for images that set none.", SettingsFile.HEALTH, f);
    }

    private static SchemaNode policy() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put(
                "allowedProfiles",
                list("The portable profiles manifests may use.", text(Names.PROFILE_RULE + ".", Names.PROFILE), 1));
        f.put("allowedUrlPrefixes", list("URL prefixes images may be downloaded from.", text("A URL prefix."), 0));
        f.put("maxImageBytes", text("The largest image; " + ByteSizes.RULE + "."));
        f.put("allowHttp", bool("Allow plain http URLs (default false)."));
        f.put(
                "limits",
                ManifestSchema.limits(
                        "Caps on manifests' limits: an image must set each capped limit, at most this.",
                        SettingsFile.CAPPABLE));
        return object("What this host accepts from manifests.", SettingsFile.POLICY, f);
    }

    private static SchemaNode download() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("connectTimeout", ManifestSchema.duration("How long connecting may take."));
        f.put("readTimeout", ManifestSchema.duration("How long a read may wait."));
        f.put("lowSpeedLimit", text("A speed floor in bytes per second, 0 for none; " + ByteSizes.RULE + "."));
        f.put("lowSpeedTime", ManifestSchema.duration("How long a download may stay under lowSpeedLimit."));
        f.put("minFreeSpace", text("Free space to keep: a share such as 5% (0 to 99), or a size such as 2GiB."));
        return object("How images are downloaded.", SettingsFile.DOWNLOAD, f);
    }

    private static SchemaNode metrics() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("listen", text("HOST:PORT, :PORT or off: where Prometheus metrics (and the trigger) are served."));
        f.put(
                "hostLabels",
                list(
                        "host.labels keys to put on berth_host_info (never name).",
                        text(Names.LABEL_KEY_RULE + ".", Names.LABEL_KEY),
                        0));
        return object("The Prometheus endpoint.", SettingsFile.METRICS, f);
    }

    private static SchemaNode host() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("name", text("The host's name as selectors see it (default: its hostname).", Names.HOST_NAME));
        f.put("labels", ManifestSchema.labels("The host's labels, as manifests' hosts: selectors see them."));
        return object("Who this host is.", SettingsFile.HOST, f);
    }

    private static SchemaNode fleet() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("prometheus", text("The http or https base URL of a Prometheus that scrapes every agent."));
        f.put("bearerTokenFile", path("A file whose content is sent as the bearer token (https only)."));
        f.put("caFile", path("PEM certificates to trust for the https server."));
        f.put("timeout", ManifestSchema.duration("How long one question may take."));
        return object("Where rollouts ask the fleet's health before later waves.", FleetConfig.FIELDS, f);
    }

    private static SchemaNode trigger() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put("secretFile", path("A file holding the secret POST /trigger requires."));
        return object("POST /trigger on the metrics listener starts a pass.", SettingsFile.TRIGGER, f, "secretFile");
    }

    private static SchemaNode window() {
        Map<String, SchemaNode> f = new LinkedHashMap<>();
        f.put(
                "days",
                list(
                        "The days the window opens (mon, tue, ... or monday, ...).",
                        text("A day.", MaintenanceConfig.DAY),
                        1));
        f.put("start", text("The time of day as HH:MM, in quotes.", MaintenanceConfig.TIME));
        f.put("duration", ManifestSchema.duration("How long the window stays open, at most 168h."));
        f.put("timeZone", text("A tz database time zone such as Europe/Berlin (default UTC)."));
        return object("A maintenance window.", MaintenanceConfig.FIELDS, f, "days", "start", "duration");
    }

    private static SchemaNode path(String description) {
        return text(description + " An absolute path.", SettingsFile.ABSOLUTE);
    }
}
