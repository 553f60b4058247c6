package dev.berth.fetchers.sums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** SHA256SUMS as sha256sum writes it, and every way a line can be wrong. */
class SumsListTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static SumsList parse(String text) throws SumsList.Malformed {
        return SumsList.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SumsList.Malformed malformed(String text) {
        SumsList.Malformed m = catchThrowableOfType(SumsList.Malformed.class, () -> parse(text));
        assertThat(m).as("the list should be refused").isNotNull();
        return m;
    }

    @Test
    void textAndBinaryModeLinesBothList() throws Exception {
        SumsList list = parse(A + "  hello_1.0.raw\n" + B + " *hello_1.0.tar.gz\n");

        assertThat(list.sha256("hello_1.0.raw")).contains(new Sha256(A));
        assertThat(list.sha256("hello_1.0.tar.gz")).contains(new Sha256(B));
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void blankLinesCarriageReturnsAndAMissingLastNewlineAreAccepted() throws Exception {
        SumsList list = parse("\n" + A + "  one.raw\r\n   \n" + B + "  two.raw");

        assertThat(list.sha256("one.raw")).contains(new Sha256(A));
        assertThat(list.sha256("two.raw")).contains(new Sha256(B));
    }

    @Test
    void upperCaseHashesAreTheSameHashes() throws Exception {
        assertThat(parse(A.toUpperCase(Locale.ROOT) + "  one.raw\n").sha256("one.raw"))
                .contains(new Sha256(A));
    }

    @Test
    void namesKeepTheirSpacesAndAreMatchedExactly() throws Exception {
        SumsList list = parse(A + "  my image.raw\n");

        assertThat(list.sha256("my image.raw")).isPresent();
        assertThat(list.sha256("my")).isEmpty();
        assertThat(list.sha256("MY IMAGE.RAW")).isEmpty();
    }

    @Test
    void escapedNamesAreUnescapedAsSha256sumWritesThem() throws Exception {
        SumsList list = parse("\\" + A + "  back\\\\slash\\nnewline.raw\n");

        assertThat(list.sha256("back\\slash\nnewline.raw")).contains(new Sha256(A));
    }

    @Test
    void anEmptyListListsNothing() throws Exception {
        assertThat(parse("").size()).isZero();
    }

    @Test
    void aLineWithOneSpaceIsMalformedNamingItsNumber() {
        SumsList.Malformed m = malformed(A + "  one.raw\n\n" + B + " two.raw\n");

        assertThat(m.line()).isEqualTo(3);
        assertThat(m.getMessage()).contains("is not \"<64 hex digits>  <file name>\"", B.substring(0, 20));
    }

    @Test
    void aShortHashIsMalformed() {
        assertThat(malformed(A.substring(1) + "  one.raw\n").line()).isEqualTo(1);
    }

    @Test
    void aHashWithoutNameIsMalformed() {
        assertThat(malformed(A + "  \n").line()).isEqualTo(1);
    }

    @Test
    void anotherFormatIsMalformed() {
        assertThat(malformed("SHA256 (one.raw) = " + A + "\n").line()).isEqualTo(1);
    }

    @Test
    void anExcerptOfABadLineIsShortAndPrintable() {
        SumsList.Malformed m = malformed("garbage\u0007" + "x".repeat(200) + "\n");

        assertThat(m.getMessage())
                .contains("garbage?xxx")
                .doesNotContain("\u0007")
                .doesNotContain("x".repeat(60));
    }

    @Test
    void aNameListedTwiceWithTheSameHashIsFine() throws Exception {
        assertThat(parse(A + "  one.raw\n" + A + " *one.raw\n").sha256("one.raw"))
                .contains(new Sha256(A));
    }

    @Test
    void aNameListedTwiceWithAnotherHashIsRefusedNamingBothLines() {
        SumsList.Malformed m = malformed(A + "  one.raw\n" + B + "  two.raw\n" + B + "  one.raw\n");

        assertThat(m.line()).isEqualTo(3);
        assertThat(m.getMessage()).contains("lists one.raw again with another sha256", "line 1 has aaaaaaaaaaaa");
    }

    @Test
    void anUnknownEscapeIsMalformed() {
        assertThat(malformed("\\" + A + "  a\\tb\n").getMessage()).contains("unknown escape \"\\t\"");
    }
}
