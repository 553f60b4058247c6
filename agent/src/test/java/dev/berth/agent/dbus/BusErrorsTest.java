package dev.berth.agent.dbus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.BerthException;
import dev.berth.model.Reason;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.junit.jupiter.api.Test;

class BusErrorsTest {
    private static final String BUS = "the bus at unix:path=/run/dbus/system_bus_socket";

    @Test
    void aBusThatCannotBeReachedIsUnavailableAndNamed() {
        BerthException e = BusErrors.translate(
                new DBusException("Failed to connect"),
                "systemd-portabled",
                false,
                Reason.AttachRejected,
                "attaching /x_1.raw",
                BUS);

        assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable);
        assertThat(e.getMessage())
                .startsWith("attaching /x_1.raw: cannot reach " + BUS)
                .contains("Failed to connect")
                .contains("systemd-container");
    }

    @Test
    void aServiceThatIsNotOnTheBusIsUnavailable() {
        BerthException e = BusErrors.translate(
                new ServiceUnknown("The name org.freedesktop.portable1 was not provided"),
                "systemd-portabled",
                false,
                Reason.AttachRejected,
                "attaching /x_1.raw",
                BUS);

        assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable);
        assertThat(e.getMessage()).contains("is not available on " + BUS).contains("was not provided");
    }

    @Test
    void anErrorAfterWhichTheServiceHasNoOwnerIsAFailedActivation() {
        BerthException e = BusErrors.translate(
                new DBusExecutionException("Unit systemd-portabled.service is masked."),
                "systemd-portabled",
                true,
                Reason.AttachRejected,
                "attaching /x_1.raw",
                BUS);

        assertThat(e.reason()).isEqualTo(Reason.PortabledUnavailable);
        assertThat(e.getMessage()).contains("masked");
    }

    @Test
    void whatTheDaemonSaidItselfIsARefusalInItsOwnWords() {
        BerthException e = BusErrors.translate(
                new DBusExecutionException("Unit file 'x.service' exists on the host already, refusing."),
                "systemd-portabled",
                false,
                Reason.AttachRejected,
                "attaching /x_1.raw",
                BUS);

        assertThat(e.reason()).isEqualTo(Reason.AttachRejected);
        assertThat(e.getMessage())
                .isEqualTo("attaching /x_1.raw: systemd-portabled refused: Unit file 'x.service' exists on the host"
                        + " already, refusing.");
    }
}
