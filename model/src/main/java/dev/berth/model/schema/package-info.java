/**
 * JSON Schemas of Berth's YAML files, built from the field sets and rules of the parsers that read them, so an
 * editor's schema and {@code berth validate} accept the same fields.
 */
package dev.berth.model.schema;
