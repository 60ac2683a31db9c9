package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stored times read back field by field agree with {@link Instant#parse}. */
class TextTimeTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "epoch, 1970-01-01T00:00:00.000Z",
    "leap day, 2024-02-29T23:59:59.999Z",
    "millis kept, 2025-02-14T08:30:05.120Z",
    "before 1970, 1969-12-31T23:59:59.001Z",
    "ISO without millis (not the stored form), 2024-01-15T10:00:00Z",
    "an offset (not the stored form), 2024-01-15T10:00:00.000+02:00"
  })
  void readsLikeInstantParse(String why, String text) {
    assertThat(TextTime.parseInstant(text)).as(why).isEqualTo(Instant.parse(text));
  }

  @Test
  void formatAndParseRoundTrip() {
    for (long s = -86_400L * 400; s < 86_400L * 365 * 60; s += 86_400L * 37 + 3_661) {
      Instant t = Instant.ofEpochSecond(s, 123_000_000L);
      assertThat(TextTime.parseInstant(TextTime.format(t))).isEqualTo(t);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "no 30th of February, 2024-02-30T00:00:00.000Z",
    "month 13, 2024-13-15T10:00:00.000Z",
    "letters, 2024-0a-15T10:00:00.000Z"
  })
  void malformedTextFailsAsInstantParseDoes(String why, String text) {
    assertThatThrownBy(() -> TextTime.parseInstant(text))
        .as(why)
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void nullIsNull() {
    assertThat(TextTime.parseInstant(null)).isNull();
  }
}
