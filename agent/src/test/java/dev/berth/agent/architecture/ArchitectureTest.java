package dev.berth.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: model <- reconciler <- fetchers, agent; no package depends on itself through
 * another; and each outside library's types stay in the one package that adapts it.
 */
class ArchitectureTest {
    private static final JavaClasses BERTH = new ClassFileImporter()
            .withImportOption(ArchitectureTest::isMainCode)
            .importPackages("dev.berth");

    /**
     * Test classes are left out whether they come as a directory (a reactor build up to test) or as another module's
     * test jar (a build up to package or verify, which puts the jar itself on the class path).
     */
    private static boolean isMainCode(Location location) {
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");
    }

    @Test
    void everyModuleIsLookedAt() {
        assertThat(BERTH.stream()
                        .map(c -> c.getPackageName().split("\\.", -1)[2])
                        .distinct())
                .as("the classes the rules check, whether the modules are directories or jars")
                .contains("model", "reconciler", "fetchers", "agent");
    }

    @Test
    void theModulesDependOneWay() {
        noClasses()
                .that()
                .resideInAPackage("dev.berth.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.berth.reconciler..", "dev.berth.fetchers..", "dev.berth.agent..")
                .check(BERTH);
        noClasses()
                .that()
                .resideInAPackage("dev.berth.reconciler..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.berth.fetchers..", "dev.berth.agent..")
                .check(BERTH);
        noClasses()
                .that()
                .resideInAPackage("dev.berth.fetchers..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.berth.agent..")
                .check(BERTH);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.berth.(**)").should().beFreeOfCycles().check(BERTH);
    }

    @Test
    void theCoreDoesNoIoOfItsOwn() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.berth.reconciler", "dev.berth.model.plan", "dev.berth.model.state")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.channels..", "java.net.http..", "java.io..")
                .because("planning and executing go through the ports")
                .check(BERTH);
    }

    @Test
    void eachLibraryStaysInItsAdapter() {
        confined("org.freedesktop..", "dev.berth.agent.dbus");
        confined("okhttp3..", "dev.berth.fetchers");
        confined("org.eclipse.jgit..", "dev.berth.fetchers.git");
        confined("org.bouncycastle..", "dev.berth.fetchers.pgp");
        confined("com.sun.jna..", "dev.berth.agent.systemd");
        confined("picocli..", "dev.berth.agent", "dev.berth.agent.cli");
        confined("ch.qos.logback..", "dev.berth.agent.systemd", "dev.berth.agent.cli");
        confined("io.micrometer..", "dev.berth.agent.metrics", "dev.berth.agent.daemon", "dev.berth.agent.cli");
        confined(
                "com.fasterxml.jackson..",
                "dev.berth.model.yaml",
                "dev.berth.model.schema",
                "dev.berth.agent.cli",
                "dev.berth.agent.fleet",
                "dev.berth.agent.render",
                "dev.berth.agent.state",
                "dev.berth.agent.status");
    }

    private static void confined(String library, String... packages) {
        noClasses()
                .that()
                .resideOutsideOfPackages(packages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library)
                .because(library + " is adapted in " + String.join(", ", packages) + " only")
                .check(BERTH);
    }
}
