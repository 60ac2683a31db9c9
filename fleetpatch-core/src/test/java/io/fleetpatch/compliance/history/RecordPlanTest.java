package io.fleetpatch.compliance.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recording rules (package documentation), one row each. History before the run: host h1 last
 * recorded 2024-03-10 with A open since 2024-03-01 and B open since 2024-03-05.
 */
class RecordPlanTest {
  static final OpenFindings BEFORE =
      OpenFindings.builder()
          .host("h1", LocalDate.parse("2024-03-10"))
          .open("h1", "A", LocalDate.parse("2024-03-01"))
          .open("h1", "B", LocalDate.parse("2024-03-05"))
          .build();

  @ParameterizedTest(name = "{0} {1} [{2}]: {7}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # day      | host | open now | opened | closed | still | skipped | why
          2024-03-11 | h1   | A B      | -      | -      | 2     | -       | both still open: nothing changes, the first-seen days stay
          2024-03-11 | h1   | A        | -      | B      | 1     | -       | B no longer open on a judged host: it closes
          2024-03-11 | h1   | A B C    | C      | -      | 2     | -       | C is new: first seen on the run's day
          2024-03-11 | h1   | -        | -      | A B    | 0     | -       | everything fixed: everything closes
          2024-03-11 | h2   | X        | X      | -      | 0     | -       | a host never recorded: its findings are new, h1 is left alone
          2024-03-10 | h1   | A B      | -      | -      | 2     | -       | the same day again: nothing changes (idempotent)
          2024-03-09 | h1   | A        | -      | -      | 0     | h1      | a day older than the host's history: left alone, never rewrites newer history
          """)
  void recordingFollowsTheRules(
      String day,
      String host,
      String openNow,
      String opened,
      String closed,
      long still,
      String skipped,
      String why) {
    RecordPlan p = RecordPlan.of(BEFORE, LocalDate.parse(day), Map.of(host, wordSet(openNow)));
    assertThat(p.opened())
        .as(why)
        .extracting(RecordPlan.Opened::advisoryId)
        .containsExactlyElementsOf(words(opened));
    assertThat(p.closed())
        .as(why)
        .extracting(RecordPlan.Closed::advisoryId)
        .containsExactlyElementsOf(words(closed));
    assertThat(p.stillOpen()).as(why).isEqualTo(still);
    assertThat(p.skippedHosts()).as(why).containsExactlyElementsOf(words(skipped));
    assertThat(p.recordedHosts()).as(why).hasSize(skipped == null ? 1 : 0);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # day      | last seen  | why
          2024-03-11 | 2024-03-10 | closed the day after the last record: last seen on that record
          2024-03-10 | 2024-03-10 | closed by a second run on the last recorded day: seen open earlier that day
          """)
  void aClosedEpisodeIsLastSeenOnTheHostsPreviousRecordedDay(
      String day, String lastSeen, String why) {
    RecordPlan p = RecordPlan.of(BEFORE, LocalDate.parse(day), Map.of("h1", Set.of("A")));
    assertThat(p.closed())
        .as(why)
        .containsExactly(new RecordPlan.Closed("h1", "B", LocalDate.parse(lastSeen)));
  }

  @org.junit.jupiter.api.Test
  void snapshotLookups() {
    String why = "firstSeen gives the open episode's first day";
    assertThat(BEFORE.firstSeen("h1", "A")).as(why).isEqualTo(LocalDate.parse("2024-03-01"));
    assertThat(BEFORE.firstSeen("h1", "C")).as("not open: no day").isNull();
    assertThat(BEFORE.firstSeen("h9", "A")).as("unknown host: no day").isNull();
    assertThat(BEFORE.lastRecorded("h1")).isEqualTo(LocalDate.parse("2024-03-10"));
    assertThat(BEFORE.size()).isEqualTo(2);
    assertThat(BEFORE.hostCount()).isEqualTo(1);
    assertThat(BEFORE.open("h1").keySet()).containsExactly("A", "B");
    assertThat(BEFORE.afterRecording(LocalDate.parse("2024-03-09")).firstSeen("h1", "C"))
        .as("a run older than the host's history records nothing, so gives no new first sight")
        .isNull();
  }

  @org.junit.jupiter.api.Test
  void twoOpenEpisodesOfOneFindingAreAProgrammingError() {
    OpenFindings.Builder b =
        OpenFindings.builder()
            .open("h1", "A", LocalDate.parse("2024-03-01"))
            .open("h1", "A", LocalDate.parse("2024-03-02"));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A");
  }

  @org.junit.jupiter.api.Test
  void aLargeHostKeepsItsLookupsAfterTheArraysGrow() {
    String why = "the per-host arrays grow and are sorted on build; every row must stay findable";
    OpenFindings.Builder b = OpenFindings.builder().host("h", LocalDate.parse("2024-01-01"));
    Map<String, LocalDate> want = new HashMap<>();
    for (int i = 999; i >= 0; i--) {
      LocalDate d = LocalDate.parse("2024-01-01").plusDays(i % 50);
      b.open("h", "ALAS-" + i, d);
      want.put("ALAS-" + i, d);
    }
    OpenFindings f = b.build();
    want.forEach((a, d) -> assertThat(f.firstSeen("h", a)).as(why + ": " + a).isEqualTo(d));
  }

  private static List<String> words(String s) {
    return s == null ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }

  private static Set<String> wordSet(String s) {
    return new LinkedHashSet<>(words(s));
  }
}
