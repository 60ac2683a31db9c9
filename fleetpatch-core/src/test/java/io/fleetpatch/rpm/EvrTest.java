package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvrTest {
  @ParameterizedTest(name = "{0} -> epoch {1}, version {2}, release {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # evr                  | epoch | version     | release      | why
          1.0                    | -     | 1.0         | -            | version only
          1.0-1                  | -     | 1.0         | 1            | version and release
          0:1.0-1                | 0     | 1.0         | 1            | explicit zero epoch is kept
          12:2.26-61.amzn2.0.1   | 12    | 2.26        | 61.amzn2.0.1 | dots in the release
          007:1-2                | 7     | 1           | 2            | leading zeros in the epoch
          1.0~rc1^git2-3.el8_10  | -     | 1.0~rc1^git2 | 3.el8_10    | tilde and caret
          20240101-1:2           | -     | 20240101    | 1:2          | ':' after a non-digit is not an epoch
          """)
  void splitsAsParseEvr(String s, Long epoch, String version, String release, String why) {
    Evr e = Evr.parse(s);
    assertThat(e.epoch()).as(why).isEqualTo(epoch);
    assertThat(e.version()).as(why).isEqualTo(version);
    assertThat(e.release()).as(why).isEqualTo(release);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0",
    "1.0-1",
    "0:1.0-1",
    "12:2.26-61.amzn2.0.1",
    "1.0~rc1^git2-3.el8_10",
    "1-2:3",
    "999999999999999999:1"
  })
  void parseAndToStringRoundTrip(String s) {
    assertThat(Evr.parse(s).toString()).isEqualTo(s);
    assertThat(Evr.parse(Evr.parse(s).toString())).isEqualTo(Evr.parse(s));
  }

  @Test
  void leadingZeroEpochIsNormalisedButStillRoundTripsAsARecord() {
    Evr e = Evr.parse("007:1-2");
    assertThat(e.toString()).isEqualTo("7:1-2");
    assertThat(Evr.parse(e.toString())).isEqualTo(e);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # input             | why                                    | message part
          :1.0-1              | empty epoch                            | empty epoch
          1:                  | empty version                          | empty version
          1.0-                | empty release                          | empty release
          -1                  | empty version                          | empty version
          1:-1                | empty version after the epoch          | empty version
          1.0 -1              | space                                  | space or control
          1-2-3               | '-' in the version                     | '-'
          1.0:1-2             | ':' in the version                     | ':'
          1234567890123456789:1 | epoch beyond 18 digits               | epoch too large
          ''                  | empty                                  | empty version
          """)
  void rejectsGarbageQuotingIt(String s, String why, String part) {
    assertThatThrownBy(() -> Evr.parse(s))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + s + "'")
        .hasMessageContaining(part);
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    assertThatThrownBy(() -> Evr.parse("1.0\n-1"))
        .hasMessageContaining("'1.0\\u000a-1'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void longGarbageIsQuotedShort() {
    String s = "x".repeat(10_000) + " ";
    assertThatThrownBy(() -> Evr.parse(s))
        .hasMessageContaining("(10001 characters)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # epoch | version | release | why
          -1      | 1       | 1       | negative epoch
          -       | ''      | 1       | empty version
          -       | 1-2     | 1       | '-' in the version
          -       | 1:2     | 1       | ':' in the version (would read back as an epoch)
          -       | 1       | ''      | empty release (would not read back)
          -       | 1       | 1-2     | '-' in the release
          -       | 1 2     | 1       | space
          """)
  void constructorRejectsWhatCannotRoundTrip(
      Long epoch, String version, String release, String why) {
    assertThatThrownBy(() -> new Evr(epoch, version, release))
        .as(why)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIsStructuralButOrderIsRpms() {
    Evr a = Evr.parse("1.0-1");
    Evr b = Evr.parse("0:1.00-1");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.sameAs(b)).isTrue();
    assertThat(a.compareTo(b)).isZero();
    assertThat(b.toFullString()).isEqualTo("0:1.00-1");
    assertThat(a.toFullString()).isEqualTo("0:1.0-1");
  }
}
