package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageMetadataTest {
    @Test
    void theAllowedPrefixesAreReadFromTheOsReleaseTheWayTheShellWouldQuoteThem() {
        assertThat(ImageMetadata.prefixes("ID=debian\nPORTABLE_PREFIXES=b\n")).containsExactly("b");
        assertThat(ImageMetadata.prefixes("PORTABLE_PREFIXES=\"b  b-admin\"\n")).containsExactly("b", "b-admin");
        assertThat(ImageMetadata.prefixes("PORTABLE_PREFIXES='b c'")).containsExactly("b", "c");
        assertThat(ImageMetadata.prefixes("PORTABLE_PREFIXES=\"b\\\"c\"")).containsExactly("b\"c");
    }

    @Test
    void anImageWithoutPrefixesAllowsAnyMatch() {
        ImageMetadata image =
                new ImageMetadata(List.of("b.service"), ImageMetadata.prefixes("ID=x\n#PORTABLE_PREFIXES=b\n"));

        assertThat(image.allowedPrefixes()).isEmpty();
        assertThat(image.disallowed(List.of("b", "dbus"))).isEmpty();
    }

    @Test
    void aMatchMustBeOneOfThePrefixesExactlyAsPortabledChecksIt() {
        ImageMetadata image = new ImageMetadata(List.of("b.service"), List.of("b", "b-admin"));

        assertThat(image.disallowed(List.of("b", "b-admin"))).isEmpty();
        assertThat(image.disallowed(List.of("b", "dbus", "b-"))).containsExactly("dbus", "b-");
    }

    @Test
    void theUnitsAreTheNamesGetImageMetadataReturns() {
        Triple<String, byte[], Map<String, byte[]>> reply = new Triple<>(
                "/var/lib/portables/b_2.raw",
                "ID=x\nPORTABLE_PREFIXES=b\n".getBytes(StandardCharsets.UTF_8),
                Map.of("b.service", new byte[0], "dbus.service", new byte[0]));

        ImageMetadata image = ImageMetadata.of(reply);

        assertThat(image.units()).containsExactlyInAnyOrder("b.service", "dbus.service");
        assertThat(image.allowedPrefixes()).containsExactly("b");
    }
}
