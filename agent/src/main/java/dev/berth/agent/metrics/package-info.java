/** Prometheus metrics: the names dashboards and alerts rely on, the /metrics endpoint and the textfile output. */
@NullMarked
package dev.berth.agent.metrics;

import org.jspecify.annotations.NullMarked;
