package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StaticBusyboxTest {
    @Test
    void theMachinesBusyboxIsStaticallyLinked() {
        assertThat(StaticBusybox.isStatic(StaticBusybox.find())).isTrue();
    }

    @Test
    void aDynamicallyLinkedProgramIsRecognised() {
        assertThat(StaticBusybox.isStatic(Path.of("/usr/bin/env"))).isFalse();
    }
}
