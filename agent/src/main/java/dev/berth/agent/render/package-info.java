/** How plans and outcomes read, as text for people and JSON for programs: one rendering per kind. */
package dev.berth.agent.render;
