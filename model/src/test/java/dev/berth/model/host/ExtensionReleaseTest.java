package dev.berth.model.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtensionReleaseTest {
    private static final String BASE = "ID=berth-test\nVERSION_ID=1\n";
    private static final String APP = "/var/lib/portables/app_2.0.raw";

    @Test
    void anExtensionWithTheBasesIdAndVersionMatches() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "ID=berth-test\nVERSION_ID=\"1\"\n"))
                .isEmpty();
    }

    @Test
    void anExtensionForAnyOsMatches() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "ID=_any\n")).isEmpty();
    }

    @Test
    void anotherIdIsRefusedNamingBothIds() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "ID=fedora\nVERSION_ID=39\n"))
                .hasValueSatisfying(why ->
                        assertThat(why).contains(APP).contains("ID=fedora").contains("ID=berth-test"));
    }

    @Test
    void anotherVersionIsRefusedNamingBothVersions() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "ID=berth-test\nVERSION_ID=2\n"))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("VERSION_ID=2").contains("VERSION_ID=1"));
    }

    @Test
    void aMissingIdIsRefused() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "VERSION_ID=1\n"))
                .hasValueSatisfying(why -> assertThat(why).contains("no ID"));
    }

    @Test
    void theSysextLevelDecidesWhenTheBaseSetsOneAndTheVersionIdIsThenIgnored() {
        String base = "ID=berth-test\nVERSION_ID=1\nSYSEXT_LEVEL=3\n";

        assertThat(ExtensionRelease.mismatch(base, APP, "ID=berth-test\nSYSEXT_LEVEL=3\nVERSION_ID=9\n"))
                .isEmpty();
        assertThat(ExtensionRelease.mismatch(base, APP, "ID=berth-test\nVERSION_ID=1\n"))
                .hasValueSatisfying(why -> assertThat(why).contains("SYSEXT_LEVEL=3"));
    }

    @Test
    void aRollingBaseWithoutVersionTakesAnyExtensionOfItsId() {
        assertThat(ExtensionRelease.mismatch("ID=arch\n", APP, "ID=arch\nVERSION_ID=5\n"))
                .isEmpty();
    }

    @Test
    void anExtensionScopedAwayFromPortableServicesIsRefused() {
        assertThat(ExtensionRelease.mismatch(BASE, APP, "ID=berth-test\nVERSION_ID=1\nSYSEXT_SCOPE=system initrd\n"))
                .hasValueSatisfying(why -> assertThat(why).contains("SYSEXT_SCOPE"));
        assertThat(ExtensionRelease.mismatch(
                        BASE, APP, "ID=berth-test\nVERSION_ID=1\nSYSEXT_SCOPE=\"system portable\"\n"))
                .isEmpty();
    }
}
