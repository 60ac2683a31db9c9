package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvrTest {
  @ParameterizedTest(name = "{0} vs {1} = {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # a           | b          | expected | why
          1:1.0-1       | 2.0-1      | 1        | epoch dominates version
          1.0-1         | 0:1.0-1    | 0        | absent epoch equals explicit 0
          1.0~rc1       | 1.0        | -1       | tilde sorts before the end of the string
          1.0^git1      | 1.0        | 1        | caret sorts after the base version
          1.0^git1      | 1.0.1      | -1       | caret sorts before the next version
          2.0           | 2.0-1      | -1       | a missing release sorts below any release
          1.0-1.el8_1   | 1.0-1.el8  | 1        | more segments win
          1.0-1.el8_9   | 1.0-1.el8_10 | -1     | numeric segments compare as numbers
          1.01          | 1.1        | 0        | leading zeros are ignored
          1.a           | 1.1        | -1       | numbers are newer than letters
          """)
  void comparesAsRpm(String a, String b, int expected, String why) {
    assertThat(RpmVersions.compare(Evr.parse(a), Evr.parse(b))).as(why).isEqualTo(expected);
    assertThat(RpmVersions.compare(Evr.parse(b), Evr.parse(a))).as(why).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource({"1.0", "1.0-1", "0:1.0-1", "12:2.26-61.amzn2.0.1", "1.0~rc1^git2-3.el8_10"})
  void parseAndToStringRoundTrip(String s) {
    assertThat(Evr.parse(s).toString()).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          :1.0-1   | empty epoch
          1:       | empty version
          1.0-     | empty release
          -1       | empty version
          1.0 -1   | space
          """)
  void rejectsGarbageQuotingIt(String s, String why) {
    assertThatThrownBy(() -> Evr.parse(s)).as(why).hasMessageContaining("'");
  }
}
