package dev.berth.agent.config;

import java.util.List;

/**
 * The invalid manifests of the test suite (model's parser tests and e2e's BadInputIT), each with the test it comes
 * from, split by who can refuse it. A JSON Schema can refuse a wrong structure, an unknown field, a wrong type, a
 * value off a pattern, an enum or a range; only {@code berth validate} can refuse what depends on other fields or
 * entries, on what a URL, time or address means, or on how the YAML was written. Not listed: text that is not YAML
 * at all (ManifestParserTest.brokenYamlIsReportedWithItsPosition), which an editor's YAML parser flags before any
 * schema, and files that are only wrong together (ManifestsTest), which {@link SchemaValidationTest} shows apart.
 */
final class InvalidManifests {
    /** One invalid manifest: what is wrong with it, the test it comes from, and its text. */
    record Invalid(String fault, String from, String text) {
        /** The same manifest with its entry's url {@code url}. */
        Invalid withUrl(String url) {
            return new Invalid(fault, from, text.replace("https://h/a.raw", url));
        }

        @Override
        public String toString() {
            return fault + " (" + from + ")";
        }
    }

    static final String HEAD = "apiVersion: berth.dev/v1\nkind: Manifest\nimages:\n";
    static final String SHA = "a".repeat(64);
    private static final String A = "name: a, version: '1', url: https://h/a.raw, sha256: " + SHA;

    private static final String PARSER = "ManifestParserTest.";
    private static final String ROLLOUT = "RolloutParserTest.";
    private static final String LIMITS = "LimitsParserTest.";
    private static final String TARGETING = "ManifestTargetingTest.";

    /** Faults a schema expresses: the schema refuses each of these manifests, and so does berth validate. */
    static final List<Invalid> SCHEMA_REFUSES = List.of(
            document("an apiVersion other than berth.dev/v1", PARSER + "everyProblemIsReported…", """
                    apiVersion: berth.dev/v2
                    kind: Manifest
                    images: []
                    """),
            document("an unknown top-level field", PARSER + "everyProblemIsReported…", HEAD + "  []\ncolour: blue\n"),
            document("an empty file", PARSER + "anEmptyFileSaysSo", ""),
            document(
                    "no apiVersion and no images", PARSER + "missingTopLevelFieldsAreEachReported", "kind: Manifest\n"),
            entries(
                    "an entry without a name",
                    PARSER + "everyProblemIsReported…",
                    "version: '1', url: https://h/x.raw" + ", sha256: " + SHA),
            a("a misspelled field", PARSER + "everyProblemIsReported…", "profle: strict"),
            entries("a name with _", PARSER + "namesThatPortabledWouldSplitAreRefused", named("a_b")),
            entries("a name with +", PARSER + "namesThatPortabledWouldSplitAreRefused", named("a+b")),
            entries("a name with .", PARSER + "namesThatPortabledWouldSplitAreRefused", named("a.b")),
            entries("a name with /", PARSER + "namesThatPortabledWouldSplitAreRefused", named("a/b")),
            entries("a name starting with -", PARSER + "namesThatPortabledWouldSplitAreRefused", named("-a")),
            entries("a version with a space", PARSER + "versionsWith…AreRefused", versioned("1 0")),
            entries("a version with /", PARSER + "versionsWith…AreRefused", versioned("1/0")),
            entries("a version with _", PARSER + "versionsWith…AreRefused", versioned("1_0")),
            entries("an empty version", PARSER + "versionsWith…AreRefused", versioned("")),
            entries(
                    "a sha256 that is not 64 hex digits",
                    PARSER + "everyProblemIsReported…",
                    "name: a, version: '1'," + " url: https://h/x.raw, sha256: abc"),
            a("matches as a text, not a list", PARSER + "wrongTypesAreNamed", "matches: hello"),
            a("enable as a text, not true or false", PARSER + "wrongTypesAreNamed", "enable: yes please"),
            a("an empty matches list", PARSER + "anEmptyMatchListIsRefused…", "matches: []"),
            a("both sha256 and sums", PARSER + "sha256AndSumsTogetherOrNeitherAreRefused", "sums: https://h/SUMS"),
            entries(
                    "neither sha256 nor sums",
                    PARSER + "sha256AndSumsTogetherOrNeitherAreRefused",
                    "name: b," + " version: '1', url: https://h/b.raw"),
            a("a duration that is not one", PARSER + "badHealthAndSidecarEntriesAreNamed", "health: {stableFor: soon}"),
            a("an unknown health field", PARSER + "badHealthAndSidecarEntriesAreNamed", "health: {retries: 3}"),
            a(
                    "a sidecar without its sha256",
                    PARSER + "badHealthAndSidecarEntriesAreNamed",
                    "roothashSignature:" + " {url: https://h/a.p7s}"),
            a(
                    "a list where a profile goes, and an unknown field",
                    "BadInputIT.anInvalidManifestListsEveryProblem…",
                    "profile: [strict], colour: blue"),
            a(
                    "a compression Berth does not know",
                    "CompressionFieldTest.anUnknownCompressionIsRefused…",
                    "compression: bzip2"),
            a(
                    "an extension named as portabled would split",
                    "ExtensionsParserTest.anExtensionIsCheckedStrictly…",
                    "extensions: [{name: app_x, version: '2.0', url: https://h/app.raw, sha256: " + SHA + "}]"),
            a(
                    "an extension with sums for sha256",
                    "ExtensionsParserTest.anExtensionIsCheckedStrictly…",
                    "extensions: [{name: app, version: '2.0', url: https://h/app.raw, sums: https://h/SUMS}]"),
            a("an empty extension list", "ExtensionsParserTest.anEmptyExtensionListIsRefused", "extensions: []"),
            a(
                    "a misspelled wave field",
                    ROLLOUT + "unknownFieldsAreReportedWithTheirLines",
                    "rollout: {waves: [{percent: 10, hots: {names: [a]}}]}"),
            a(
                    "a misspelled selector field in a wave",
                    ROLLOUT + "unknownFieldsAreReportedWithTheirLines",
                    "rollout: {waves: [{hosts: {name: [a]}}]}"),
            a(
                    "a misspelled rollout field",
                    ROLLOUT + "unknownFieldsAreReportedWithTheirLines",
                    "rollout: {waves: [{percent: 100}], pause: true}"),
            a("a rollout without waves", ROLLOUT + "aRolloutNeedsAtLeastOneWave", "rollout: {every: 30m}"),
            a("an empty wave list", ROLLOUT + "aRolloutNeedsAtLeastOneWave", "rollout: {waves: []}"),
            a(
                    "a percent of 0",
                    ROLLOUT + "aPercentIsAWholeNumberFromOneToAHundred",
                    "rollout: {waves: [{percent: 0}]}"),
            a(
                    "a percent written 10%",
                    ROLLOUT + "aPercentIsAWholeNumberFromOneToAHundred", "rollout: {waves: [{percent: '10%'}]}"),
            a(
                    "a percent of 2.5",
                    ROLLOUT + "aPercentIsAWholeNumberFromOneToAHundred",
                    "rollout: {waves: [{percent: 2.5}]}"),
            a(
                    "a percent of 101",
                    ROLLOUT + "aPercentIsAWholeNumberFromOneToAHundred",
                    "rollout: {waves: [{percent: 101}]}"),
            a(
                    "a wave with both percent and hosts",
                    ROLLOUT + "aWaveIsEitherHostsOrAPercent",
                    "rollout: {waves: [{percent: 10, hosts: {names: [a]}}]}"),
            a("an empty wave", ROLLOUT + "aWaveIsEitherHostsOrAPercent", "rollout: {waves: [{}]}"),
            a(
                    "a wave with an empty selector",
                    ROLLOUT + "aWaveIsEitherHostsOrAPercent",
                    "rollout: {waves: [{hosts: {}}]}"),
            a(
                    "an every that is not a duration",
                    ROLLOUT + "moreThanOneWaveNeedsAnInterval",
                    "rollout: {waves: [{percent: 100}], every: soon}"),
            a(
                    "paused as a text",
                    ROLLOUT + "aStartIsAnInstantWithItsOffsetAndPausedIsABoolean",
                    "rollout: {waves: [{percent: 100}], paused: maybe}"),
            a(
                    "a host name pattern with a space",
                    TARGETING + "badSelectorsAreNamedWithTheirPositions",
                    "hosts: {names: ['web 1']}"),
            a(
                    "a label name starting with __",
                    TARGETING + "badSelectorsAreNamedWithTheirPositions",
                    "hosts: {labels: {__x: y}}"),
            a(
                    "a label name with a space",
                    ROLLOUT + "hostNamesAndLabelsAreChecked",
                    "hosts: {labels: {'ring canary': x}}"),
            a(
                    "an empty label value",
                    TARGETING + "badSelectorsAreNamedWithTheirPositions",
                    "hosts: {labels: {role: ''}}"),
            a(
                    "a list as a label value",
                    TARGETING + "badSelectorsAreNamedWithTheirPositions",
                    "hosts: {labels: {site: [a]}}"),
            a("an empty selector", TARGETING + "badSelectorsAreNamedWithTheirPositions", "hosts: {}"),
            a("an empty names list", TARGETING + "badSelectorsAreNamedWithTheirPositions", "hosts: {names: []}"),
            a(
                    "a misspelled selector field",
                    TARGETING + "badSelectorsAreNamedWithTheirPositions",
                    "hosts: {hostnames: [x]}"),
            a("an empty text as a selector", TARGETING + "badSelectorsAreNamedWithTheirPositions", "hosts: ''"),
            a("a selector with no value", TARGETING + "badSelectorsAreNamedWithTheirPositions", "hosts: ~"),
            a("a limit Berth does not set", LIMITS + "aPropertyOffTheAllowListIsRefused…", "limits: {user: root}"),
            a(
                    "a systemd property as a limit",
                    LIMITS + "aPropertyOffTheAllowListIsRefused…",
                    "limits: {ReadWritePaths: /}"),
            a("a limit in the wrong case", LIMITS + "aPropertyOffTheAllowListIsRefused…", "limits: {memorymax: 1G}"),
            a(
                    "an address list as a text",
                    LIMITS + "addressListsTakeAddressesAndSystemdsWordsOnly",
                    "limits: {ipAddressDeny: any}"),
            a(
                    "an empty address list",
                    LIMITS + "anEmptyAddressListIsRefusedRatherThanSettingNothing",
                    "limits: {ipAddressDeny: []}"));

    /**
     * Faults only {@code berth validate} finds: the schema accepts each of these manifests, each the parser refuses.
     * The fault says why a schema cannot see it.
     */
    static final List<Invalid> BERTH_VALIDATE_ONLY = List.of(
            document(
                    "a key written twice: a YAML reader keeps one, the schema never sees the other",
                    PARSER + "duplicateKeysAreRefused",
                    HEAD.replace("kind: Manifest\n", "kind: Manifest\nkind: Manifest\n") + "  []\n"),
            entries(
                    "a number where a name goes: the schema sees a number, not the text 1.5",
                    "added with this list",
                    "name: 1.5, version: '1', url: https://h/x.raw, sha256: " + SHA),
            entries(
                    "a second entry for an image, after one for every host: compares entries",
                    PARSER + "aSecondEntryForANameWithoutSelectorsCanNeverApply…",
                    A + "}\n  - {" + A),
            entries(
                    "an entry after one with the same selector in another order: compares entries",
                    TARGETING + "anEntryAfterOneWithTheSameSelectorCanNeverApply…",
                    A
                            + ", hosts: {labels: {role: web}, names: [a, b]}}\n  - {" + A.replace("'1'", "'2'")
                            + ", hosts: {names: [b, a], labels: {role: web}}"),
            entries(
                    "an entry after one naming every host by *: compares entries",
                    TARGETING + "anEntryAfterOneNamingEveryHostByAStarCanNeverApply",
                    A + ", hosts: {names: ['*']}}\n" + "  - {" + A.replace("'1'", "'2'")
                            + ", hosts: {labels: {site: fra1}}"),
            entries(
                    "a url with the scheme ftp: what a URL means",
                    PARSER + "everyProblemIsReported…",
                    url("ftp://h/x.raw")),
            entries("a relative url", PARSER + "urlsMustBeUsableAndCarryNoCredentials", url("images/x.raw")),
            entries("a url without a host", PARSER + "urlsMustBeUsableAndCarryNoCredentials", url("https:///x.raw")),
            entries(
                    "a url with credentials",
                    PARSER + "urlsMustBeUsableAndCarryNoCredentials",
                    url("https://user:pw@h/x.raw")),
            entries(
                    "a file url with a host",
                    PARSER + "urlsMustBeUsableAndCarryNoCredentials",
                    url("file://host/x.raw")),
            entries("a url with the scheme s3", PARSER + "urlsMustBeUsableAndCarryNoCredentials", url("s3://b/x")),
            a(
                            "a compression the url's suffix contradicts: compares fields",
                            "CompressionFieldTest.aFieldThatDisagreesWithTheUrlIsRefused…",
                            "compression: zstd")
                    .withUrl("https://h/hello_1.0.raw.xz"),
            a(
                            "compression none for a .raw.gz url: compares fields",
                            "CompressionFieldTest.aFieldThatDisagreesWithTheUrlIsRefused…",
                            "compression: none")
                    .withUrl("https://h/hello_1.0.raw.gz"),
            entries(
                    "an entry not named after its last extension: compares fields",
                    "ExtensionsParserTest.anEntryMustBeNamedAfterItsLastExtension",
                    "name: app, version: '2.0', url:"
                            + " https://h/base_1.raw, sha256: " + SHA + ", extensions: [{name: other, version: '2.0',"
                            + " url: https://h/other_2.0.raw, sha256: " + SHA + "}]"),
            a(
                    "percents that do not grow: compares waves",
                    ROLLOUT + "percentsMustGrowFromWaveToWave",
                    "rollout: {waves: [{percent: 50}, {hosts: {labels: {ring: late}}}, {percent: 50}], every: 30m}"),
            a(
                    "a percent of 101 in quotes: a schema's range applies to numbers only",
                    ROLLOUT + "aPercentIsAWholeNumberFromOneToAHundred",
                    "rollout: {waves: [{percent: '101'}]}"),
            a(
                    "two waves without every: counts waves",
                    ROLLOUT + "moreThanOneWaveNeedsAnInterval",
                    "rollout: {waves: [{percent: 10}, {percent: 100}]}"),
            a(
                    "an every of 0s: the duration's value",
                    ROLLOUT + "moreThanOneWaveNeedsAnInterval",
                    "rollout: {waves: [{percent: 10}, {percent: 100}], every: 0s}"),
            a(
                    "a start that is no time: read as a time",
                    ROLLOUT + "aStartIsAnInstantWithItsOffset…",
                    "rollout: {waves: [{percent: 100}], start: tomorrow}"),
            a(
                    "a start without its offset: read as a time",
                    ROLLOUT + "aStartIsAnInstantWithItsOffset…",
                    "rollout: {waves: [{percent: 100}], start: 2026-12-03T09:00:00}"),
            a(
                    "a size with a unit systemd does not take: read as a size",
                    LIMITS + "eachValueIsCheckedForItsLimit",
                    "limits: {memoryMax: 256MB}"),
            a(
                    "a memory percent over 100: read as an amount",
                    LIMITS + "eachValueIsCheckedForItsLimit",
                    "limits: {memoryHigh: 150%}"),
            a(
                    "a CPU quota of 0%: read as an amount",
                    LIMITS + "eachValueIsCheckedForItsLimit", "limits: {cpuQuota: 0%}"),
            a(
                    "a weight over 10000: read as an amount",
                    LIMITS + "eachValueIsCheckedForItsLimit",
                    "limits: {cpuWeight: 10001}"),
            a("a weight of 0: read as an amount", LIMITS + "eachValueIsCheckedForItsLimit", "limits: {ioWeight: 0}"),
            a(
                    "a negative task count: read as an amount",
                    LIMITS + "eachValueIsCheckedForItsLimit",
                    "limits: {tasksMax: -1}"),
            a(
                    "a second assignment smuggled into a size: read as a size",
                    LIMITS + "aValueCannotSmuggleASecondAssignmentIntoTheDropIn",
                    "limits: {memoryMax: \"1G\\nUser=root\"}"),
            a(
                    "an IPv4 address with 256: read as an address",
                    LIMITS + "addressListsTakeAddressesAndSystemdsWordsOnly",
                    "limits: {ipAddressAllow: [10.0.0.256/8]}"),
            a(
                    "an IPv4 prefix of 33: read as an address",
                    LIMITS + "addressListsTakeAddressesAndSystemdsWordsOnly",
                    "limits: {ipAddressAllow: [10.0.0.0/33]}"),
            a(
                    "an IPv6 address with two ::: read as an address",
                    LIMITS + "addressListsTakeAddressesAndSystemdsWordsOnly",
                    "limits: {ipAddressAllow: ['1::2::3']}"),
            a(
                    "a host name as an address: read as an address",
                    LIMITS + "addressListsTakeAddressesAndSystemdsWordsOnly",
                    "limits: {ipAddressAllow: [example.com]}"));

    private InvalidManifests() {}

    /** Entry a (valid on its own) with {@code more} fields, in flow style. */
    private static Invalid a(String fault, String from, String more) {
        return entries(fault, from, A + ", " + more);
    }

    /** A manifest whose image list is the one flow-style entry {@code fields} (more entries joined by "}\n  - {"). */
    private static Invalid entries(String fault, String from, String fields) {
        return document(fault, from, HEAD + "  - {" + fields + "}\n");
    }

    private static Invalid document(String fault, String from, String text) {
        return new Invalid(fault, from, text);
    }

    private static String named(String name) {
        return "name: '" + name + "', version: '1', url: https://h/x.raw, sha256: " + SHA;
    }

    private static String versioned(String version) {
        return "name: a, version: '" + version + "', url: https://h/x.raw, sha256: " + SHA;
    }

    private static String url(String url) {
        return "name: a, version: '1', url: '" + url + "', sha256: " + SHA;
    }
}
