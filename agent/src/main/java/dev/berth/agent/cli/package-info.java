/** The berth command line: validate, plan, apply, and how their results are printed as text or JSON. */
@NullMarked
package dev.berth.agent.cli;

import org.jspecify.annotations.NullMarked;
