/**
 * Living under systemd as a {@code Type=notify} service: readiness, status and watchdog pings through libsystemd's
 * {@code sd_notify}, and log lines that journald files under the right priority.
 */
@NullMarked
package dev.berth.agent.systemd;

import org.jspecify.annotations.NullMarked;
