/** Prometheus metrics: the names dashboards and alerts rely on, the /metrics endpoint and the textfile output. */
package dev.berth.agent.metrics;
