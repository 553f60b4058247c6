/** The agent's configuration file, validated as strictly as a manifest. */
package dev.berth.agent.config;
