/** How plans and outcomes read, as text for people and JSON for programs: one rendering per kind. */
@NullMarked
package dev.berth.agent.render;

import org.jspecify.annotations.NullMarked;
