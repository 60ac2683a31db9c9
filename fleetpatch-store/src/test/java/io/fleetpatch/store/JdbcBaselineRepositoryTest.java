package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.BaselineFile;
import io.fleetpatch.baseline.BaselineFormat;
import io.fleetpatch.baseline.store.BaselineChange;
import io.fleetpatch.baseline.store.BaselineRepository;
import io.fleetpatch.baseline.store.StoredBaseline;
import io.fleetpatch.problem.ProblemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored baselines on both engines: exact round trip, replacement history, atomic refusal. */
class JdbcBaselineRepositoryTest {
  @TempDir Path dir;

  // comments, CRLF line ends, non-ASCII and trailing blanks must all survive the round trip
  static final String YAML =
      "# prod baseline: k\u00e9rnel rules\r\n"
          + "Name: Prod-AL2\r\n"
          + "OperatingSystem: AMAZON_LINUX_2\r\n"
          + "Description: \"caf\u00e9 \u2713\"\r\n"
          + "ApprovalRules:\r\n"
          + "  PatchRules:\r\n"
          + "    - PatchFilterGroup:\r\n"
          + "        PatchFilters:\r\n"
          + "          - {Key: CLASSIFICATION, Values: [Security]}\r\n"
          + "      ComplianceLevel: CRITICAL\r\n"
          + "      ApproveAfterDays: 7\r\n"
          + "RejectedPatches: [\"kernel-4.14.*\"]   \r\n";

  static final String JSON =
      "{\"Name\": \"Dev\", \"ApprovalRules\": {\"PatchRules\": [{\"PatchFilterGroup\":"
          + " {\"PatchFilters\": [{\"Key\": \"SEVERITY\", \"Values\": [\"Critical\"]}]},"
          + " \"ApproveAfterDays\": 0}]}}";

  static final Instant T1 = Instant.parse("2026-01-02T03:04:05.123Z");
  static final Instant T2 = Instant.parse("2026-02-03T04:05:06.789Z");

  @ParameterizedTest
  @EnumSource(Backend.class)
  void storesTheDocumentExactlyAndReparsesToAnEqualBaseline(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      BaselineRepository repo = db.baselines();
      StoredBaseline saved = repo.save("prod", BaselineFormat.YAML, YAML, T1);
      StoredBaseline found = repo.find("prod").orElseThrow();
      assertThat(found).isEqualTo(saved);
      assertThat(found.document()).isEqualTo(YAML);
      assertThat(found.format()).isEqualTo(BaselineFormat.YAML);
      assertThat(found.createdAt()).isEqualTo(T1);
      assertThat(found.updatedAt()).isEqualTo(T1);
      Baseline direct = BaselineFile.parse(YAML, "x", true, "prod");
      assertThat(found.baseline()).isEqualTo(direct);
      assertThat(found.baseline().name()).isEqualTo("Prod-AL2");
      assertThat(repo.find("Prod")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void savingTheSameNameReplacesItAndKeepsTheOldDocumentInTheHistory(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      BaselineRepository repo = db.baselines();
      repo.save("b", BaselineFormat.YAML, YAML, T1);
      repo.save("a", BaselineFormat.JSON, JSON, T1);
      StoredBaseline replaced = repo.save("b", BaselineFormat.JSON, JSON, T2);
      assertThat(replaced.createdAt()).isEqualTo(T1);
      assertThat(replaced.updatedAt()).isEqualTo(T2);
      assertThat(replaced.document()).isEqualTo(JSON);
      assertThat(repo.list()).extracting(StoredBaseline::name).containsExactly("a", "b");

      assertThat(repo.delete("b", T2)).isTrue();
      assertThat(repo.delete("b", T2)).as("already gone").isFalse();
      assertThat(repo.find("b")).isEmpty();

      List<BaselineChange> h = repo.history("b");
      assertThat(h)
          .extracting(BaselineChange::action)
          .containsExactly(
              BaselineChange.Action.CREATED,
              BaselineChange.Action.REPLACED,
              BaselineChange.Action.DELETED);
      assertThat(h.get(0).previous()).isNull();
      assertThat(h.get(1).previous()).isEqualTo(YAML);
      assertThat(h.get(1).previousFormat()).isEqualTo(BaselineFormat.YAML);
      assertThat(h.get(2).previous()).isEqualTo(JSON);
      assertThat(h.get(2).at()).isEqualTo(T2);
      assertThat(repo.history("a")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anInvalidDocumentIsRefusedWithItsLineAndChangesNothing(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      BaselineRepository repo = db.baselines();
      repo.save("prod", BaselineFormat.YAML, YAML, T1);
      String before = db.contentDigest();
      String bad = "Name: prod\nDescription: x\nApprovedPatchez: []\n";
      assertThatThrownBy(() -> repo.save("prod", BaselineFormat.YAML, bad, T2))
          .isInstanceOf(ProblemException.class)
          .hasMessageContaining("line 3")
          .hasMessageContaining("ApprovedPatchez");
      assertThatThrownBy(() -> repo.save("a/b", BaselineFormat.JSON, JSON, T2))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(db.contentDigest()).isEqualTo(before);
      assertThat(repo.find("prod").orElseThrow().document()).isEqualTo(YAML);
    }
  }
}
