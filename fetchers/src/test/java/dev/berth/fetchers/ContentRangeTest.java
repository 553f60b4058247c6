package dev.berth.fetchers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRangeTest {
    @Test
    void readsASatisfiedRange() {
        assertThat(ContentRange.parse("bytes 100-199/200")).hasValue(new ContentRange(100, 199, 200));
        assertThat(ContentRange.parse("bytes 0-9/*")).hasValue(new ContentRange(0, 9, -1));
    }

    @Test
    void readsTheTotalOfAnUnsatisfiableRange() {
        assertThat(ContentRange.parse("bytes */4096")).hasValue(new ContentRange(-1, -1, 4096));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes 5-4/10", "bytes 0-10/10", "items 0-1/2", "bytes=0-1/2", "bytes -1/2"})
    void rejectsWhatIsMalformedOrInconsistent(String header) {
        assertThat(ContentRange.parse(header)).isEmpty();
    }
}
