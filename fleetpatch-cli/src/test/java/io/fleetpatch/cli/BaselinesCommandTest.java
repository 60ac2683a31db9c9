package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.store.Backend;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetpatch baselines ...} and {@code comply --baseline NAME}, in-process. */
class BaselinesCommandTest {
  @TempDir Path dir;

  static final String CRITICAL_YAML =
      "# only Critical security notices, at once\n"
          + "Name: Critical-Now\n"
          + "Description: \"d\u00e9j\u00e0 vu\"\n"
          + "ApprovalRules:\n"
          + "  PatchRules:\n"
          + "    - PatchFilterGroup:\n"
          + "        PatchFilters:\n"
          + "          - {Key: CLASSIFICATION, Values: [Security]}\n"
          + "          - {Key: SEVERITY, Values: [Critical]}\n"
          + "      ComplianceLevel: CRITICAL\n"
          + "      ApproveAfterDays: 0\n";

  @Test
  void importListShowReplaceAndDeleteOnSqlite() throws Exception {
    String db = dir.resolve("store.db").toString();
    Path file = dir.resolve("critical.yaml");
    Files.writeString(file, CRITICAL_YAML, StandardCharsets.UTF_8);

    CliRun imported = CliRun.of("baselines", "import", file.toString(), "--db", db);
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("stored baseline 'Critical-Now' (yaml, 1 rules)");

    CliRun show = CliRun.of("baselines", "show", "Critical-Now", "--db", db);
    assertThat(show.code()).isZero();
    assertThat(show.out()).as("byte for byte, comment included").isEqualTo(CRITICAL_YAML);

    CliRun again =
        CliRun.of("baselines", "import", file.toString(), "--name", "Critical-Now", "--db", db);
    assertThat(again.out()).startsWith("replaced baseline 'Critical-Now'");
    CliRun second = CliRun.of("baselines", "import", file.toString(), "--name", "crit", "--db", db);
    assertThat(second.code()).isZero();

    CliRun list = CliRun.of("baselines", "list", "--db", db, "--format", "json");
    JsonNode rows = new ObjectMapper().readTree(list.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("name").asText()).isEqualTo("Critical-Now");
    assertThat(rows.get(1).get("name").asText()).isEqualTo("crit");
    assertThat(rows.get(1).get("baseline").asText())
        .as("the document's Name")
        .isEqualTo("Critical-Now");
    assertThat(rows.get(0).get("rules").asInt()).isEqualTo(1);
    assertThat(rows.get(0).get("created").asText()).isLessThan(rows.get(0).get("updated").asText());
    CliRun csv = CliRun.of("baselines", "list", "--db", db, "--format", "csv");
    assertThat(csv.out().lines().toList())
        .hasSize(3)
        .first()
        .isEqualTo("name,format,baseline,os,rules,patchGroups,created,updated");

    CliRun history =
        CliRun.of("baselines", "show", "Critical-Now", "--history", "--db", db, "--format", "csv");
    assertThat(history.out().lines().skip(1).map(l -> l.split(",")[1]).toList())
        .containsExactly("CREATED", "REPLACED");

    CliRun deleted = CliRun.of("baselines", "delete", "crit", "--db", db);
    assertThat(deleted.code()).isZero();
    CliRun gone = CliRun.of("baselines", "delete", "crit", "--db", db);
    assertThat(gone.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(gone.err()).contains("crit: no baseline of that name");
    CliRun missing = CliRun.of("baselines", "show", "crit", "--db", db);
    assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(
            new ObjectMapper()
                .readTree(CliRun.of("baselines", "list", "--db", db, "--format", "json").out()))
        .hasSize(1);
  }

  @Test
  void aBadFileIsOneLineNamingFileAndLineAndChangesNothing() throws Exception {
    Path db = dir.resolve("store.db");
    Path good = dir.resolve("critical.yaml");
    Files.writeString(good, CRITICAL_YAML, StandardCharsets.UTF_8);
    assertThat(CliRun.of("baselines", "import", good.toString(), "--db", db.toString()).code())
        .isZero();
    String before;
    try (Database d = Database.open(DatabaseTarget.sqlite(db))) {
      before = d.contentDigest();
    }
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "Name: Critical-Now\nApprovalRules:\n  PatchRules:\n    - ApproveAfterDays: 999\n");
    CliRun r = CliRun.of("baselines", "import", bad.toString(), "--db", db.toString());
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err().strip()).doesNotContain("\n").contains("bad.yaml: line 4");

    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "Name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    CliRun enc = CliRun.of("baselines", "import", latin1.toString(), "--db", db.toString());
    assertThat(enc.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(enc.err()).contains("latin1.yaml: not UTF-8 text");

    CliRun predefined =
        CliRun.of(
            "baselines",
            "import",
            good.toString(),
            "--name",
            "AWS-AmazonLinux2DefaultPatchBaseline",
            "--db",
            db.toString());
    assertThat(predefined.code()).isEqualTo(ExitCode.USAGE);
    try (Database d = Database.open(DatabaseTarget.sqlite(db))) {
      assertThat(d.contentDigest()).isEqualTo(before);
    }
  }

  @Test
  void complyResolvesAStoredNameExactlyAsTheFileItCameFrom() throws Exception {
    Path fleet = dir.resolve("fleet");
    new ReportFleet().write(fleet, 6, 11);
    String db = dir.resolve("store.db").toString();
    Path file = dir.resolve("critical.yaml");
    Files.writeString(file, CRITICAL_YAML, StandardCharsets.UTF_8);
    assertThat(CliRun.of("baselines", "import", file.toString(), "--db", db).code()).isZero();

    CliRun byFile = CliRun.of(comply(fleet, db, file.toString()));
    CliRun byName = CliRun.of(comply(fleet, db, "Critical-Now"));
    assertThat(byName.code()).as(byName.err()).isEqualTo(byFile.code());
    assertThat(byName.out()).isEqualTo(byFile.out());
    JsonNode d = new ObjectMapper().readTree(byName.out());
    assertThat(d.get("hosts")).hasSize(6);
    int items = 0;
    for (JsonNode h : d.get("hosts")) {
      for (JsonNode i : h.get("items")) {
        if (!i.get("approvedOn").isNull()) {
          assertThat(h.get("baseline").asText()).isEqualTo("Critical-Now");
          assertThat(i.get("severity").asText()).as(i.toString()).isEqualTo("Critical");
          assertThat(i.get("complianceLevel").asText()).isEqualTo("CRITICAL");
          items++;
        }
      }
    }
    assertThat(items).as("the stored baseline approved something").isPositive();

    CliRun unknown = CliRun.of(comply(fleet, db, "No-Such-Baseline"));
    assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err())
        .contains("neither a file nor a predefined baseline")
        .contains("no baseline of that name is stored in")
        .contains("store.db");
  }

  @Test
  void storedBaselinesOnPostgres() throws Exception {
    DatabaseTarget target = Backend.POSTGRESQL.freshTarget(dir);
    String url =
        target.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + target.user() + "@");
    Path file = dir.resolve("critical.yaml");
    Files.writeString(file, CRITICAL_YAML, StandardCharsets.UTF_8);
    assertThat(CliRun.of("baselines", "import", file.toString(), "--db", url).code()).isZero();
    assertThat(CliRun.of("baselines", "show", "Critical-Now", "--db", url).out())
        .isEqualTo(CRITICAL_YAML);
    assertThat(CliRun.of("baselines", "delete", "Critical-Now", "--db", url).code()).isZero();
    assertThat(CliRun.of("baselines", "list", "--db", url).out().strip())
        .isEqualTo("NAME  FORMAT  BASELINE  OS  RULES  PATCHGROUPS  CREATED  UPDATED");
  }

  private static String[] comply(Path fleet, String db, String baseline) {
    return new String[] {
      "comply",
      fleet.toString(),
      "--advisories",
      ReportFleet.AL2_CORE.toString(),
      "--as-of",
      "2025-03-01",
      "--no-progress",
      "--db",
      db,
      "--baseline",
      baseline,
      "--format",
      "json"
    };
  }
}
