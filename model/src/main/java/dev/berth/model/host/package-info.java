/** The observed host: what portabled has attached, in which state, and what lies in the image pool. */
package dev.berth.model.host;
