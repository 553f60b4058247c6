/** One small interface per outside system; adapters live in fetchers/ and agent/, fakes in the test jar. */
package dev.berth.reconciler.port;
