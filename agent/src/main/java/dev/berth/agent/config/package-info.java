/** The agent's configuration file, validated as strictly as a manifest. */
@NullMarked
package dev.berth.agent.config;

import org.jspecify.annotations.NullMarked;
