package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.store.AdvisoryChange;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.store.StoreCounts;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole Amazon Linux data set (shared/data/amazon/updateinfo, README: 5,393 advisories, 115,356
 * package rows, 8,489 distinct CVE reference ids) through the store, on both engines.
 */
class AmazonDataImportTest {
  record RepoFeed(String repoId, Path file, Feed feed) {}

  static List<RepoFeed> feeds;

  @TempDir Path dir;

  @BeforeAll
  static void parseOnce() throws IOException {
    feeds = new ArrayList<>();
    UpdateinfoParser parser = new UpdateinfoParser();
    try (Stream<Path> s = Files.list(SharedData.data("amazon/updateinfo"))) {
      for (Path d : s.sorted().toList()) {
        String repoId = d.getFileName().toString();
        Path file = d.resolve("updateinfo.xml.gz");
        feeds.add(new RepoFeed(repoId, file, parser.read(file, repoId)));
      }
    }
  }

  static FeedImport feedImport(RepoFeed f, String checksum) {
    return new FeedImport(FeedKind.UPDATEINFO, f.repoId(), f.file().toString(), checksum, null);
  }

  static void importAll(AdvisoryRepository repo) {
    for (RepoFeed f : feeds) {
      repo.importAdvisories(feedImport(f, "sha256:" + f.repoId()), f.feed().advisories());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void storesEveryAdvisoryPackageRowAndCve(Backend backend) throws Exception {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      importAll(repo);

      StoreCounts counts = repo.counts();
      assertThat(feeds).hasSize(46);
      assertThat(counts.advisories()).isEqualTo(5_393);
      assertThat(counts.packages()).isEqualTo(115_356);
      // the data set's 8,489 distinct CVE reference ids include the placeholder "CVE-PENDING"
      // (ALAS-2011 era AL1 advisories), which is kept as a reference but is not a CVE id
      assertThat(
              queryLong(
                  db,
                  "SELECT COUNT(DISTINCT ref_id) FROM advisory_reference" + " WHERE type = 'cve'"))
          .isEqualTo(8_489);
      assertThat(counts.distinctCves()).isEqualTo(8_488);
      assertThat(
              queryLong(
                  db,
                  "SELECT COUNT(*) FROM advisory_reference WHERE type = 'cve'"
                      + " AND ref_id = 'CVE-PENDING'"))
          .isPositive();
      assertThat(repo.dataVersion()).isEqualTo(46);
      assertThat(repo.imports()).hasSize(46);

      // what went in comes out, field for field (one repo, every advisory)
      RepoFeed core =
          feeds.stream().filter(f -> f.repoId().equals("amzn2-core")).findFirst().orElseThrow();
      List<Advisory> stored =
          repo.list(new io.fleetpatch.advisory.store.AdvisoryQuery("amzn2-core", null, null, null));
      assertThat(stored).containsExactlyInAnyOrderElementsOf(core.feed().advisories());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reimportingEverythingChangesNothing(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      importAll(repo);
      String before = db.contentDigest();

      // the same bytes: skipped outright
      for (RepoFeed f : feeds) {
        assertThat(
                repo.importAdvisories(feedImport(f, "sha256:" + f.repoId()), f.feed().advisories())
                    .skipped())
            .isTrue();
      }
      assertThat(db.contentDigest()).isEqualTo(before);

      // the same advisories in other bytes (recompressed, another mirror): recorded, no change
      RepoFeed core =
          feeds.stream().filter(f -> f.repoId().equals("amzn2-core")).findFirst().orElseThrow();
      ImportOutcome o =
          repo.importAdvisories(feedImport(core, "sha256:other"), core.feed().advisories());
      assertThat(o.changedStore()).isFalse();
      assertThat(o.provenance().unchanged()).isEqualTo(1_618);
      assertThat(o.dataVersion()).isEqualTo(46);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRepublishedAdvisoryReplacesTheStoredOneAndIsRecorded(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = db.advisories();
      importAll(repo);
      RepoFeed core =
          feeds.stream().filter(f -> f.repoId().equals("amzn2-core")).findFirst().orElseThrow();
      List<Advisory> next = new ArrayList<>(core.feed().advisories());
      Advisory old = next.get(100);
      Instant later = Instant.parse("2025-03-01T00:00:00Z");
      Advisory republished =
          new Advisory(
              old.id(),
              old.source(),
              old.type(),
              old.severity(),
              old.severityText(),
              old.issued(),
              later,
              old.title(),
              old.description() + " (revised)",
              old.cves(),
              old.references(),
              old.packages().subList(0, 1),
              old.rebootSuggested(),
              "2.0");
      next.set(100, republished);
      long packagesBefore = repo.counts().packages();

      ImportOutcome o = repo.importAdvisories(feedImport(core, "sha256:next"), next);

      assertThat(o.provenance().changed()).isEqualTo(1);
      assertThat(o.provenance().unchanged()).isEqualTo(1_617);
      assertThat(o.dataVersion()).isEqualTo(47);
      assertThat(repo.findById(old.id())).containsExactly(republished);
      assertThat(repo.counts().advisories()).isEqualTo(5_393);
      assertThat(repo.counts().packages()).isEqualTo(packagesBefore - old.packages().size() + 1);
      List<AdvisoryChange> history = repo.changes(old.id());
      assertThat(history).hasSize(2);
      assertThat(history.get(1).kind()).isEqualTo(AdvisoryChange.Kind.REPLACED);
      assertThat(history.get(1).previousVersion()).isEqualTo(old.version());
      assertThat(history.get(1).previousUpdated()).isEqualTo(old.updated());
      assertThat(history.get(1).updated()).isEqualTo(later);
    }
  }

  private static long queryLong(Database db, String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
