package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rpm's ordering rules, one row per rule. Every row was checked with real librpm ({@code
 * vercmp-oracle}, default backend); {@link LibrpmAgreementTest} asks it again for all of them.
 */
class RpmVersionsTest {
  static final String RULES =
      """
      # a              | b               | expected | why
      1:1.0-1          | 2.0-1           | 1        | epoch dominates version
      1.0-1            | 0:1.0-1         | 0        | absent epoch equals explicit 0
      00:1.0           | 1.0             | 0        | epoch 00 is 0
      10:1.0           | 9:2.0           | 1        | epochs compare as numbers, not strings
      1.0~rc1          | 1.0             | -1       | tilde sorts before the end of the string
      1.0~rc1          | 1.0~rc2         | -1       | after the tildes, the usual rules
      1.0~~            | 1.0~            | -1       | two tildes sort before one
      1.0^git1         | 1.0             | 1        | caret sorts after the base version
      1.0^git1         | 1.0.1           | -1       | caret sorts before the next version
      1.0^             | 1.0~            | 1        | caret after tilde
      1.0~rc1^git1     | 1.0~rc1         | 1        | caret after a tilde version
      2.0              | 2.0-1           | -1       | a missing release sorts below any release
      1.0              | 1.0-~           | -1       | missing release below a tilde release (rpmverCmp compare_values)
      1.0              | 1.0-_           | -1       | missing release below a separator-only release
      1.0-_            | 1.0-+           | 0        | separator-only releases are equal
      1.0-1.el8_1      | 1.0-1.el8       | 1        | more segments win
      1.0-1.el8_9      | 1.0-1.el8_10    | -1       | numeric segments compare as numbers
      1.01             | 1.1             | 0        | leading zeros are ignored
      1.0010           | 1.9             | 1        | leading zeros then longer number wins
      1.a              | 1.1             | -1       | numbers are newer than letters
      1.a              | 1.B             | 1        | letters compare as ASCII (strcmp): B < a
      1.0a             | 1.0             | 1        | a trailing letter segment is newer
      1..0             | 1.0             | 0        | separator runs are one separator
      1.0.             | 1.0             | 0        | trailing separator is ignored
      2.0-1            | 2.0-1.0         | -1       | leftover segments in the release win
      12345678901234567890 | 12345678901234567889 | 1 | numbers longer than a long compare by digits
      5.5p1            | 5.5p10          | -1       | letter then number segments
      a+               | a_              | 0        | non-alphanumeric characters other than ~ and ^ are all separators
      1.1.α            | 1.1.β           | 0        | non-ASCII characters are separators (rpmvercmp risalnum is ASCII)
      """;

  @ParameterizedTest(name = "{0} vs {1} = {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = RULES)
  void comparesAsRpm(String a, String b, int expected, String why) {
    assertThat(RpmVersions.compare(Evr.parse(a), Evr.parse(b))).as(why).isEqualTo(expected);
    assertThat(RpmVersions.compare(Evr.parse(b), Evr.parse(a))).as(why).isEqualTo(-expected);
    assertThat(RpmVersions.compare(a, b)).as("strings: " + why).isEqualTo(expected);
    assertThat(RpmVersions.compare(b, a)).as("strings: " + why).isEqualTo(-expected);
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # a                       | b      | why
          0000000000000000000001:1  | 1:1    | epoch beyond 18 characters with leading zeros: parse path
          1.0-é                     | 1.0-e  | non-ASCII: parse path
          1:1.0                     | 001:1.0 | leading zero epoch
          """)
  void stringCompareFallsBackToParseWhereItMust(String a, String b, String why) {
    assertThat(RpmVersions.compare(a, b))
        .as(why)
        .isEqualTo(RpmVersions.compare(Evr.parse(a), Evr.parse(b)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # garbage   | why
          ''          | empty
          :1          | empty epoch
          1:          | empty version
          1.0-        | empty release
          1-2-3       | '-' in the version
          1:2:3       | ':' in the version
          '1 2'       | space
          """)
  void stringCompareRejectsWhatParseRejects(String garbage, String why) {
    String message = catchMessage(() -> Evr.parse(garbage));
    assertThat(catchMessage(() -> RpmVersions.compare(garbage, "1"))).as(why).isEqualTo(message);
    assertThat(catchMessage(() -> RpmVersions.compare("1", garbage))).as(why).isEqualTo(message);
  }

  private static String catchMessage(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no IllegalArgumentException");
  }

  /**
   * Regression: the first version compared a missing release as the empty string, which rpmvercmp
   * puts above "~" and equal to "_"; librpm's rpmverCmp says the missing release is older.
   */
  @Test
  void missingReleaseIsOlderThanTildeOrSeparatorRelease() {
    assertThat(RpmVersions.compare(Evr.of("1.0", null), Evr.of("1.0", "~"))).isEqualTo(-1);
    assertThat(RpmVersions.compare(Evr.of("1.0", null), Evr.of("1.0", "_"))).isEqualTo(-1);
    assertThat(RpmVersions.compare(Evr.of("1.0", null), Evr.of("1.0", null))).isZero();
  }

  @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # a     | b      | expected | why
          ''      | ''     | 0        | identical
          ''      | ~      | 1        | the end of the string is newer than a tilde
          ''      | ^      | -1       | the end of the string is older than a caret
          ''      | _      | 0        | separators alone compare as nothing
          ~       | ~~     | 1        | one tilde is newer than two
          a       | A      | 1        | strcmp: 'A' (65) < 'a' (97)
          """)
  void rawRpmvercmp(String a, String b, int expected, String why) {
    assertThat(RpmVersions.rpmvercmp(a, b)).as(why).isEqualTo(expected);
    assertThat(RpmVersions.rpmvercmp(b, a)).as(why).isEqualTo(-expected);
  }
}
