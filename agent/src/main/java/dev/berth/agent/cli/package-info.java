/** The berth command line: validate, plan, apply, and how their results are printed as text or JSON. */
package dev.berth.agent.cli;
