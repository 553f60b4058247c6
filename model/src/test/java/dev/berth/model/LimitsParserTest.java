package dev.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.fleet.HostIdentity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsParserTest {
    private static final HostIdentity HOST = new HostIdentity("web-1", Map.of(), "0".repeat(32));
    private static final String SHA = "a".repeat(64);

    /** A manifest with one image entry "web" whose limits block is {@code limits} (indented under the entry). */
    private static String web(String limits) {
        return """
                apiVersion: berth.dev/v1
                kind: Manifest
                images:
                  - name: web
                    version: "2.0"
                    url: https://images.example.com/web.raw
                    sha256: %s
                    limits:
                %s""".formatted(SHA, limits.indent(6));
    }

    private static Limits limitsOf(String text) {
        return ManifestParser.parse(text, "m.yaml")
                .forHost(HOST)
                .image("web")
                .orElseThrow()
                .limits();
    }

    @Test
    void everyLimitOnTheAllowListIsReadAsSystemdSpellsIt() {
        Limits limits = limitsOf(web("""
                memoryMax: 256M
                memoryHigh: 50%
                cpuQuota: 150%
                cpuWeight: 200
                ioWeight: 10000
                tasksMax: 64
                ipAddressAllow: [10.0.0.0/8, "fd00::/8", localhost]
                ipAddressDeny: [any]
                """));

        assertThat(limits.byProperty())
                .containsExactly(
                        Map.entry("CPUQuota", "150%"),
                        Map.entry("CPUWeight", "200"),
                        Map.entry("IOWeight", "10000"),
                        Map.entry("IPAddressAllow", "10.0.0.0/8 fd00::/8 localhost"),
                        Map.entry("IPAddressDeny", "any"),
                        Map.entry("MemoryHigh", "50%"),
                        Map.entry("MemoryMax", "256M"),
                        Map.entry("TasksMax", "64"));
    }

    @Test
    void anEntryWithoutLimitsSetsNoneAndKeepsItsFingerprint() {
        String plain = web("").replace("    limits:\n", "");
        ImageSpec spec =
                ManifestParser.parse(plain, "m.yaml").forHost(HOST).image("web").orElseThrow();

        assertThat(spec.limits()).isEqualTo(Limits.NONE);
        assertThat(spec.fingerprint()).isEqualTo(spec.withLimits(Limits.NONE).fingerprint());
        assertThat(spec.withLimits(new Limits(Map.of(Limit.TASKS_MAX, "64"))).fingerprint())
                .isNotEqualTo(spec.fingerprint());
    }

    @Test
    void infinityLiftsASizeOrATaskCount() {
        assertThat(limitsOf(web("memoryMax: infinity\ntasksMax: infinity\n")).byProperty())
                .containsExactly(Map.entry("MemoryMax", "infinity"), Map.entry("TasksMax", "infinity"));
    }

    @Test
    void aPropertyOffTheAllowListIsRefusedNamingTheFileAndLine() {
        assertThat(ManifestParserTest.problems(web("""
                memoryMax: 256M
                user: root
                ReadWritePaths: /
                memorymax: 1G
                """)))
                .containsExactly(
                        "m.yaml:10:7: images[0].limits.user: unknown field (known fields: cpuQuota, cpuWeight,"
                                + " ioWeight, ipAddressAllow, ipAddressDeny, memoryHigh, memoryMax, tasksMax)",
                        "m.yaml:11:7: images[0].limits.ReadWritePaths: unknown field (known fields: cpuQuota,"
                                + " cpuWeight, ioWeight, ipAddressAllow, ipAddressDeny, memoryHigh, memoryMax, tasksMax)",
                        "m.yaml:12:7: images[0].limits.memorymax: unknown field (did you mean \"memoryMax\"?)");
    }

    @Test
    void eachValueIsCheckedForItsLimit() {
        assertThat(ManifestParserTest.problems(web("""
                memoryMax: 256MB
                memoryHigh: 150%
                cpuQuota: "0%"
                cpuWeight: 10001
                ioWeight: 0
                tasksMax: -1
                """)))
                .containsExactly(
                        "m.yaml:9:18: images[0].limits.memoryMax: " + LimitValue.rule(Limit.MEMORY_MAX)
                                + ", got \"256MB\"",
                        "m.yaml:10:19: images[0].limits.memoryHigh: " + LimitValue.rule(Limit.MEMORY_HIGH)
                                + ", got \"150%\"",
                        "m.yaml:11:17: images[0].limits.cpuQuota: " + LimitValue.rule(Limit.CPU_QUOTA) + ", got \"0%\"",
                        "m.yaml:12:18: images[0].limits.cpuWeight: " + LimitValue.rule(Limit.CPU_WEIGHT)
                                + ", got \"10001\"",
                        "m.yaml:13:17: images[0].limits.ioWeight: " + LimitValue.rule(Limit.IO_WEIGHT) + ", got \"0\"",
                        "m.yaml:14:17: images[0].limits.tasksMax: " + LimitValue.rule(Limit.TASKS_MAX)
                                + ", got \"-1\"");
    }

    @Test
    void aValueCannotSmuggleASecondAssignmentIntoTheDropIn() {
        assertThat(ManifestParserTest.problems(web("memoryMax: \"1G\\nUser=root\"\n")))
                .hasSize(1)
                .allSatisfy(p -> assertThat(p).contains("images[0].limits.memoryMax: must be a size"));
        assertThat(ManifestParserTest.problems(web("ipAddressDeny: [\"any\\nUser=root\"]\n")))
                .hasSize(1)
                .allSatisfy(p -> assertThat(p).contains("images[0].limits.ipAddressDeny[0]: must be a list of IPv4"));
    }

    @Test
    void addressListsTakeAddressesAndSystemdsWordsOnly() {
        assertThat(ManifestParserTest.problems(web("""
                ipAddressAllow: [10.0.0.256/8, 10.0.0.0/33, "1::2::3", example.com, localhost]
                ipAddressDeny: any
                """)))
                .containsExactly(
                        "m.yaml:9:24: images[0].limits.ipAddressAllow[0]: " + LimitValue.rule(Limit.IP_ADDRESS_ALLOW)
                                + ", got the text \"10.0.0.256/8\"",
                        "m.yaml:9:38: images[0].limits.ipAddressAllow[1]: " + LimitValue.rule(Limit.IP_ADDRESS_ALLOW)
                                + ", got the text \"10.0.0.0/33\"",
                        "m.yaml:9:51: images[0].limits.ipAddressAllow[2]: " + LimitValue.rule(Limit.IP_ADDRESS_ALLOW)
                                + ", got the text \"1::2::3\"",
                        "m.yaml:9:62: images[0].limits.ipAddressAllow[3]: " + LimitValue.rule(Limit.IP_ADDRESS_ALLOW)
                                + ", got the text \"example.com\"",
                        "m.yaml:10:22: images[0].limits.ipAddressDeny: must be a list (e.g. [any]), got the text"
                                + " \"any\"");
    }

    @Test
    void anEmptyAddressListIsRefusedRatherThanSettingNothing() {
        assertThat(ManifestParserTest.problems(web("ipAddressDeny: []\n")))
                .containsExactly("m.yaml:9:7: images[0].limits.ipAddressDeny: must list at least one address or"
                        + " word; leave it out to set nothing");
    }

    @Test
    void ipv6AddressesAreCheckedGroupByGroup() {
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "::1")).isTrue();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "fe80::/10")).isTrue();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "2001:db8:0:0:0:0:0:1/128"))
                .isTrue();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "2001:db8::1:")).isFalse();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "12345::1")).isFalse();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "1:2:3:4:5:6:7")).isFalse();
        assertThat(LimitValue.valid(Limit.IP_ADDRESS_DENY, "::1/129")).isFalse();
    }

    @Test
    void theDropInListsTheLimitsByPropertyUnderAHeaderNamingTheImage() {
        Limits limits = new Limits(Map.of(Limit.MEMORY_MAX, "256M", Limit.IP_ADDRESS_DENY, "any"));

        assertThat(LimitsDropIn.text("web", limits)).contains("""
                        # Limits of portable image 'web', written by Berth from its manifest. Do not edit: Berth puts\
                         this file back.
                        [Service]
                        IPAddressDeny=any
                        MemoryMax=256M
                        """);
        assertThat(LimitsDropIn.text("web", Limits.NONE)).isEmpty();
    }
}
