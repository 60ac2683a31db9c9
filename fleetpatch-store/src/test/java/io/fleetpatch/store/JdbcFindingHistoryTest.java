package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.compliance.history.FindingEpisode;
import io.fleetpatch.compliance.history.FindingHistory;
import io.fleetpatch.compliance.history.OpenFindings;
import io.fleetpatch.compliance.history.RecordPlan;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The finding history (V3) on both engines: first seen, closing, re-opening, idempotence. */
class JdbcFindingHistoryTest {
  @TempDir Path dir;

  static final LocalDate D1 = LocalDate.parse("2024-03-01");
  static final LocalDate D2 = LocalDate.parse("2024-03-02");
  static final LocalDate D3 = LocalDate.parse("2024-03-03");
  static final LocalDate D9 = LocalDate.parse("2024-03-09");

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFindingIsFirstSeenOnItsFirstRecordedDayAndKeepsThatDay(Backend backend) {
    String why = "first-seen is the first recorded day the finding was open, not the latest";
    try (Database db = backend.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      assertThat(h.firstSeen("i-1", "ALAS-1")).as("empty history").isNull();
      h.record(D1, Map.of("i-1", Set.of("ALAS-1")));
      RecordPlan p = h.record(D2, Map.of("i-1", Set.of("ALAS-1", "ALAS-2")));
      assertThat(p.opened()).as(why).containsExactly(new RecordPlan.Opened("i-1", "ALAS-2"));
      assertThat(p.stillOpen()).isEqualTo(1);
      assertThat(h.firstSeen("i-1", "ALAS-1")).as(why).isEqualTo(D1);
      assertThat(h.firstSeen("i-1", "ALAS-2")).as(why).isEqualTo(D2);
      OpenFindings snap = h.openFindings();
      assertThat(snap.firstSeen("i-1", "ALAS-1")).as(why).isEqualTo(D1);
      assertThat(snap.lastRecorded("i-1")).isEqualTo(D2);
      assertThat(snap.size()).isEqualTo(2);
      assertThat(h.episodes("i-1"))
          .as("an open episode is last seen on the host's last recorded day")
          .containsExactly(
              new FindingEpisode("i-1", "ALAS-1", D1, D2, null),
              new FindingEpisode("i-1", "ALAS-2", D2, D2, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aReopenedFindingGetsAFreshClock(Backend backend) {
    String why = "fixed on D3, open again on D9: the new exposure's clock starts on D9";
    try (Database db = backend.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      h.record(D1, Map.of("i-1", Set.of("ALAS-1")));
      h.record(D2, Map.of("i-1", Set.of("ALAS-1")));
      RecordPlan closing = h.record(D3, Map.of("i-1", Set.of()));
      assertThat(closing.closed()).containsExactly(new RecordPlan.Closed("i-1", "ALAS-1", D2));
      assertThat(h.firstSeen("i-1", "ALAS-1")).as("closed: no open episode").isNull();
      assertThat(h.episodes("i-1"))
          .as("closed on D3, last seen open on D2")
          .containsExactly(new FindingEpisode("i-1", "ALAS-1", D1, D2, D3));
      h.record(D9, Map.of("i-1", Set.of("ALAS-1")));
      assertThat(h.firstSeen("i-1", "ALAS-1")).as(why).isEqualTo(D9);
      assertThat(h.episodes("i-1"))
          .as(why)
          .containsExactly(new FindingEpisode("i-1", "ALAS-1", D9, D9, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordingTheSameRunTwiceOnTheSameDayChangesNothing(Backend backend) {
    String why = "a re-run of the same day's job (cron retry) must not move any clock";
    try (Database db = backend.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      h.record(D1, Map.of("i-1", Set.of("ALAS-1", "ALAS-2"), "i-2", Set.of("ALAS-1")));
      Map<String, Set<String>> run = Map.of("i-1", Set.of("ALAS-2", "ALAS-3"), "i-2", Set.of());
      h.record(D2, run);
      String once = db.contentDigest();
      RecordPlan again = h.record(D2, run);
      assertThat(db.contentDigest()).as(why).isEqualTo(once);
      assertThat(again.opened()).as(why).isEmpty();
      assertThat(again.closed()).as(why).isEmpty();
      assertThat(again.stillOpen()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void hostsNotJudgedAndHostsWithNewerHistoryAreLeftAlone(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      h.record(D1, Map.of("i-1", Set.of("ALAS-1"), "i-2", Set.of("ALAS-1")));
      h.record(D9, Map.of("i-2", Set.of("ALAS-1")));
      RecordPlan p = h.record(D3, Map.of("i-1", Set.of(), "i-2", Set.of()));
      assertThat(p.skippedHosts()).as("i-2 holds D9, later than D3").containsExactly("i-2");
      assertThat(h.firstSeen("i-2", "ALAS-1"))
          .as("an older run does not close newer history")
          .isEqualTo(D1);
      assertThat(h.firstSeen("i-1", "ALAS-1")).as("i-1 was judged: closed").isNull();
      h.record(D9, Map.of("i-3", Set.of("ALAS-9")));
      assertThat(h.episodes("i-2"))
          .as("a run that did not judge i-2 leaves it open")
          .extracting(FindingEpisode::open)
          .containsExactly(true);
    }
  }

  @Test
  void aFailedRecordingWritesNothing() {
    String why =
        "one transaction per run: a failure after thousands of rows were sent leaves the history"
            + " as it was (PostgreSQL refuses NUL in text, which fails the last host's rows)";
    try (Database db = Backend.POSTGRESQL.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      h.record(D1, Map.of("i-0", Set.of("ALAS-1")));
      String before = db.contentDigest();
      Map<String, Set<String>> run = new HashMap<>();
      for (int i = 1; i <= 30; i++) {
        Set<String> open = new HashSet<>();
        for (int a = 0; a < 100; a++) {
          open.add("ALAS-" + a);
        }
        run.put(String.format("i-%02d", i), open);
      }
      run.put("i-99", Set.of("ALAS-\u0000"));
      run.put("i-0", Set.of());
      assertThatThrownBy(() -> h.record(D2, run)).as(why).isInstanceOf(UncheckedIOException.class);
      assertThat(db.contentDigest()).as(why).isEqualTo(before);
      assertThat(h.firstSeen("i-0", "ALAS-1")).as(why).isEqualTo(D1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFleetSizedRunIsRecordedAndReadBack(Backend backend) {
    String why =
        "batched writes: every row of a 300-host run arrives, and reads back,"
            + " odd characters included";
    try (Database db = backend.openFresh(dir)) {
      FindingHistory h = db.findingHistory();
      Map<String, Set<String>> run = new HashMap<>();
      for (int i = 0; i < 300; i++) {
        Set<String> open = new HashSet<>();
        for (int a = i % 7; a < 40; a++) {
          open.add("ALAS2-2024-" + a);
        }
        run.put("host-" + i, open);
      }
      run.put("odd\\host\tid\n\r\u00e9", Set.of("A\\B\tC", "ALAS2-2024-1"));
      run.put("i-reopen", Set.of("ALAS2-2024-1"));
      // i-reopen: open on D0, closed before D1, so D1's opening replaces a closed row (upsert)
      h.record(D1.minusDays(2), Map.of("i-reopen", Set.of("ALAS2-2024-1")));
      h.record(D1.minusDays(1), Map.of("i-reopen", Set.of()));
      long rows = run.values().stream().mapToLong(Set::size).sum();
      RecordPlan p = h.record(D1, run);
      assertThat(p.opened()).as(why).hasSize((int) rows);
      OpenFindings snap = h.openFindings();
      assertThat(snap.size()).as(why).isEqualTo(rows);
      assertThat(snap.hostCount()).isEqualTo(302);
      assertThat(snap.firstSeen("odd\\host\tid\n\r\u00e9", "A\\B\tC")).as(why).isEqualTo(D1);
      assertThat(snap.firstSeen("i-reopen", "ALAS2-2024-1"))
          .as("re-opened: fresh clock")
          .isEqualTo(D1);
      assertThat(snap.firstSeen("host-6", "ALAS2-2024-6")).isEqualTo(D1);
      assertThat(snap.firstSeen("host-6", "ALAS2-2024-5")).as("host-6 starts at 6").isNull();
    }
  }
}
