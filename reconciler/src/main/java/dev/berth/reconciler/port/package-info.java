/** One small interface per outside system; adapters live in fetchers/ and agent/, fakes in the test jar. */
@NullMarked
package dev.berth.reconciler.port;

import org.jspecify.annotations.NullMarked;
