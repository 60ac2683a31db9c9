package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.AdvisoryType;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import io.fleetpatch.advisory.Severity;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.CveReport;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.rpm.Evr;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The repository's contract on both engines, with hand-made advisories. */
class JdbcAdvisoryRepositoryTest {
  @TempDir Path dir;

  static final AdvisorySource CORE = new AdvisorySource("2", "amzn2-core");
  static final AdvisorySource AL2023 = new AdvisorySource("2023", "amazonlinux");

  static Advisory advisory(
      String id, AdvisorySource source, String severity, String updated, String version) {
    return new Advisory(
        id,
        source,
        AdvisoryType.SECURITY,
        Severity.normalise(severity),
        severity,
        Instant.parse("2024-01-15T10:00:00Z"),
        updated == null ? null : Instant.parse(updated),
        "Amazon Linux 2 - " + id + ": important priority package update for openssl",
        "Package updates are available for openssl.\n  multi-line",
        List.of("CVE-2024-0002", "CVE-2024-0001"),
        List.of(
            new Reference("cve", "CVE-2024-0001", "https://cve.example/CVE-2024-0001", "t1"),
            new Reference("cve", "CVE-2024-0002", "", "")),
        List.of(
            new FixedPackage(
                "openssl",
                Evr.of(1, "1.0.2k", "25.amzn2"),
                "x86_64",
                "openssl-1.0.2k-25.amzn2.x86_64.rpm"),
            new FixedPackage("openssl-libs", Evr.of("1.0.2k", "25.amzn2"), "i686", null),
            new FixedPackage("tzdata", new Evr(0L, "2024b", "1.amzn2"), null, null)),
        true,
        version);
  }

  static FeedImport feed(String key, String checksum) {
    return new FeedImport(FeedKind.UPDATEINFO, key, "/feeds/" + key, checksum, null);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void storesAndReadsBackEveryField(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory a = advisory("ALAS2-2024-0001", CORE, "important", "2024-01-16T00:00:00Z", "1");
      Advisory b = advisory("ALAS2023-2024-0002", AL2023, "Critical", null, "");
      ImportOutcome o = repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), List.of(a, b));

      assertThat(o.skipped()).isFalse();
      assertThat(o.provenance().added()).isEqualTo(2);
      assertThat(o.dataVersion()).isEqualTo(1);
      assertThat(repo.findById("ALAS2-2024-0001")).containsExactly(a);
      assertThat(repo.list(AdvisoryQuery.all())).containsExactly(a, b);
      assertThat(repo.counts().packages()).isEqualTo(6);
      assertThat(repo.counts().distinctCves()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void listFiltersByRepoSeverityCveAndSince(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory low = advisory("ALAS2-2024-0010", CORE, "low", "2024-03-01T00:00:00Z", "1");
      Advisory crit = advisory("ALAS2023-2024-0011", AL2023, "Critical", null, "1");
      repo.importAdvisories(feed("mixed", "sha256:01"), List.of(low, crit));

      record Case(AdvisoryQuery query, List<Advisory> expected, String why) {}
      List<Case> cases =
          List.of(
              new Case(new AdvisoryQuery("amzn2-core", null, null, null), List.of(low), "repo id"),
              new Case(
                  new AdvisoryQuery("2023/amazonlinux", null, null, null),
                  List.of(crit),
                  "release/repo"),
              new Case(
                  new AdvisoryQuery(null, Severity.IMPORTANT, null, null),
                  List.of(crit),
                  "at or above"),
              new Case(
                  new AdvisoryQuery(null, Severity.LOW, null, null),
                  List.of(low, crit),
                  "low includes all"),
              new Case(
                  new AdvisoryQuery(null, null, "CVE-2024-0001", null), List.of(low, crit), "cve"),
              new Case(
                  new AdvisoryQuery(null, null, "CVE-1999-0001", null), List.of(), "unknown cve"),
              new Case(
                  new AdvisoryQuery(null, null, null, Instant.parse("2024-02-01T00:00:00Z")),
                  List.of(low),
                  "since compares updated, else issued (2024-01-15)"));
      for (Case c : cases) {
        assertThat(repo.list(c.query())).as(c.why()).containsExactlyElementsOf(c.expected());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void importingTheSameFeedAgainWritesNothing(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      List<Advisory> feed = List.of(advisory("ALAS2-2024-0001", CORE, "important", null, "1"));
      repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), feed);
      String before = db.contentDigest();

      ImportOutcome again = repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), feed);

      assertThat(again.skipped()).isTrue();
      assertThat(again.dataVersion()).isEqualTo(1);
      assertThat(db.contentDigest()).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void sameAdvisoriesInOtherBytesAreRecordedButChangeNoData(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      List<Advisory> feed = List.of(advisory("ALAS2-2024-0001", CORE, "important", null, "1"));
      repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), feed);

      ImportOutcome o = repo.importAdvisories(feed("2/amzn2-core", "sha256:bb"), feed);

      assertThat(o.skipped()).isFalse();
      assertThat(o.changedStore()).isFalse();
      assertThat(o.provenance().unchanged()).isEqualTo(1);
      assertThat(o.dataVersion()).as("no new data version").isEqualTo(1);
      assertThat(repo.imports()).hasSize(2);
      assertThat(repo.changes("ALAS2-2024-0001")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNewerPublicationReplacesTheStoredAdvisoryAndTheChangeIsRecorded(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory v1 = advisory("ALAS2-2024-0001", CORE, "important", "2024-01-16T00:00:00Z", "1");
      Advisory other = advisory("ALAS2-2024-0002", CORE, "low", null, "1");
      repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), List.of(v1, other));
      Advisory v2 = advisory("ALAS2-2024-0001", CORE, "critical", "2024-02-01T00:00:00Z", "2");

      ImportOutcome o =
          repo.importAdvisories(feed("2/amzn2-core", "sha256:bb"), List.of(v2, other));

      assertThat(o.provenance().changed()).isEqualTo(1);
      assertThat(o.provenance().unchanged()).isEqualTo(1);
      assertThat(o.dataVersion()).isEqualTo(2);
      assertThat(repo.findById("ALAS2-2024-0001")).containsExactly(v2);
      assertThat(repo.counts().advisories()).isEqualTo(2);
      assertThat(repo.counts().packages()).as("children rewritten, not added").isEqualTo(6);
      List<AdvisoryChange> changes = repo.changes("ALAS2-2024-0001");
      assertThat(changes)
          .extracting(AdvisoryChange::kind)
          .containsExactly(AdvisoryChange.Kind.ADDED, AdvisoryChange.Kind.REPLACED);
      AdvisoryChange replaced = changes.get(1);
      assertThat(replaced.previousVersion()).isEqualTo("1");
      assertThat(replaced.previousUpdated()).isEqualTo(Instant.parse("2024-01-16T00:00:00Z"));
      assertThat(replaced.version()).isEqualTo("2");
      assertThat(replaced.importId()).isEqualTo(o.provenance().id());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anOlderPublicationDoesNotReplaceANewerOne(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory v2 = advisory("ALAS2-2024-0001", CORE, "critical", "2024-02-01T00:00:00Z", "2");
      Advisory v1 = advisory("ALAS2-2024-0001", CORE, "important", "2024-01-16T00:00:00Z", "1");
      repo.importAdvisories(feed("2/amzn2-core", "sha256:new"), List.of(v2));

      ImportOutcome o = repo.importAdvisories(feed("2/amzn2-core", "sha256:old"), List.of(v1));

      assertThat(o.changedStore()).isFalse();
      assertThat(repo.findById("ALAS2-2024-0001")).containsExactly(v2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rssBulletinsOnlyFillGapsAndUpdateinfoReplacesThem(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory bulletin =
          new Advisory(
              "ALAS2-2024-0009",
              CORE,
              AdvisoryType.SECURITY,
              Severity.IMPORTANT,
              "important",
              null,
              Instant.parse("2024-06-01T00:00:00Z"),
              "ALAS-2024-0009",
              "",
              List.of("CVE-2024-0009"),
              List.of(),
              List.of(),
              false,
              "");
      FeedImport rss = new FeedImport(FeedKind.RSS, "rss:AL2", "alas.rss", "sha256:r1", null);
      assertThat(repo.importAdvisories(rss, List.of(bulletin)).provenance().added()).isEqualTo(1);

      // updateinfo publishes it with packages (and an earlier "updated"): it replaces the bulletin
      Advisory full = advisory("ALAS2-2024-0009", CORE, "important", "2024-05-30T00:00:00Z", "1");
      ImportOutcome o = repo.importAdvisories(feed("2/amzn2-core", "sha256:u1"), List.of(full));
      assertThat(o.provenance().changed()).isEqualTo(1);
      assertThat(repo.findById("ALAS2-2024-0009")).containsExactly(full);

      // a later RSS run never replaces what updateinfo published
      FeedImport rss2 = new FeedImport(FeedKind.RSS, "rss:AL2", "alas.rss", "sha256:r2", null);
      assertThat(repo.importAdvisories(rss2, List.of(bulletin)).changedStore()).isFalse();
      assertThat(repo.findById("ALAS2-2024-0009")).containsExactly(full);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailureHalfwayThroughAnImportLeavesTheStoreAsItWas(Backend backend) throws Exception {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      repo.importAdvisories(
          feed("2/amzn2-core", "sha256:aa"),
          List.of(advisory("ALAS2-2024-0001", CORE, "important", null, "1")));
      installFailingTrigger(db);
      String before = db.contentDigest();
      Advisory changed = advisory("ALAS2-2024-0001", CORE, "critical", "2030-01-01T00:00:00Z", "9");
      Advisory fresh = advisory("ALAS2-2024-0002", CORE, "low", null, "1");
      Advisory boom =
          new Advisory(
              "ALAS2-2024-0003",
              CORE,
              AdvisoryType.SECURITY,
              Severity.LOW,
              "low",
              null,
              null,
              "",
              "",
              List.of(),
              List.of(),
              List.of(new FixedPackage("boom", Evr.of("1", "1"), "x86_64", null)),
              false,
              "1");

      assertThatThrownBy(
              () ->
                  repo.importAdvisories(
                      feed("2/amzn2-core", "sha256:bb"), List.of(changed, fresh, boom)))
          .isInstanceOf(UncheckedIOException.class);

      assertThat(db.contentDigest()).isEqualTo(before);
      assertThat(repo.dataVersion()).isEqualTo(1);
    }
  }

  /** A trigger that fails an insert of package "boom": a database error in mid-import. */
  private static void installFailingTrigger(Database db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      if (db.dialect() == Dialect.SQLITE) {
        st.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON advisory_package WHEN NEW.name = 'boom'"
                + " BEGIN SELECT RAISE(ABORT, 'boom'); END");
      } else {
        st.execute(
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.name = 'boom' THEN"
                + " RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        st.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON advisory_package FOR EACH ROW"
                + " EXECUTE FUNCTION boom()");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void kevAndEpssEnrichTheCveReport(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      Advisory a = advisory("ALAS2-2024-0001", CORE, "important", null, "1");
      repo.importAdvisories(feed("2/amzn2-core", "sha256:aa"), List.of(a));
      KevEntry kev =
          new KevEntry(
              "CVE-2024-0001",
              "OpenSSL",
              "OpenSSL",
              "OpenSSL bug",
              LocalDate.parse("2024-02-01"),
              LocalDate.parse("2024-02-22"),
              true);
      KevEntry gone =
          new KevEntry("CVE-2020-0001", "X", "Y", "Z", LocalDate.parse("2021-11-03"), null, false);
      repo.importKev(
          new FeedImport(FeedKind.KEV, "kev", "kev.json", "sha256:k1", null), List.of(kev, gone));
      repo.importEpss(
          new FeedImport(FeedKind.EPSS, "epss", "epss.csv", "sha256:e1", null),
          List.of(new EpssScore("CVE-2024-0001", 0.97, 0.999, LocalDate.parse("2024-03-01"))));

      CveReport r = repo.cve("CVE-2024-0001");
      assertThat(r.advisories()).containsExactly(a);
      assertThat(r.kev()).contains(kev);
      assertThat(r.epss().orElseThrow().epss()).isEqualTo(0.97);
      assertThat(repo.cve("CVE-1999-0001").isEmpty()).isTrue();

      // a new catalogue replaces the old one whole: the entry CISA dropped goes
      ImportOutcome o =
          repo.importKev(
              new FeedImport(FeedKind.KEV, "kev", "kev.json", "sha256:k2", null), List.of(kev));
      assertThat(o.changedStore()).isFalse();
      assertThat(o.dataVersion()).as("a removal is a change").isEqualTo(4);
      assertThat(repo.cve("CVE-2020-0001").kev()).isEmpty();
      assertThat(repo.counts().kevEntries()).isEqualTo(1);
      assertThat(repo.counts().epssScores()).isEqualTo(1);
    }
  }
}
