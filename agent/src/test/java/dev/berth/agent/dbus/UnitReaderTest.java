package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitReaderTest {
    @Test
    void unitObjectPathsAreEscapedLikeSystemdDoes() {
        assertThat(UnitReader.objectPath("hello.service")).isEqualTo("/org/freedesktop/systemd1/unit/hello_2eservice");
        assertThat(UnitReader.objectPath("kilo@.service"))
                .isEqualTo("/org/freedesktop/systemd1/unit/kilo_40_2eservice");
        assertThat(UnitReader.objectPath("my-app_2.socket"))
                .isEqualTo("/org/freedesktop/systemd1/unit/my_2dapp_5f2_2esocket");
        assertThat(UnitReader.objectPath("9lives.service"))
                .isEqualTo("/org/freedesktop/systemd1/unit/_39lives_2eservice");
    }
}
