package dev.berth.fetchers.sums;

import java.util.Objects;
import java.util.Optional;

/** What asking for a small file gave: its bytes, "unchanged since you asked", or "there is no such file". */
sealed interface Download permits Download.Body, Download.NotModified, Download.Missing {

    /** The whole file and the validators to revalidate it with next time. */
    record Body(byte[] bytes, Validators validators) implements Download {
        public Body {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(validators, "validators");
        }
    }

    /** The server confirmed the copy the validators describe is still current (304). */
    record NotModified(Validators validators) implements Download {}

    /** There is no such file: "the server answered 404", "there is no such file". */
    record Missing(String how) implements Download {}

    /** An HTTP entity's ETag and Last-Modified, as the server sent them; either may be absent. */
    record Validators(Optional<String> etag, Optional<String> lastModified) {
        static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

        public Validators {
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(lastModified, "lastModified");
        }

        boolean any() {
            return etag.isPresent() || lastModified.isPresent();
        }
    }
}
