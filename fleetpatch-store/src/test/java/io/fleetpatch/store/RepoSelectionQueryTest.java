package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.store.AdvisoryQuery;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.store.RepoSelection;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AdvisoryRepository#list(RepoSelection)} on both engines, over real feeds chosen so that a
 * repo id ({@code amazonlinux}) is shared by two releases (2022 and 2023): a selection always reads
 * whole repos, and exactly the advisories the unfiltered read has for them, in the same order.
 */
class RepoSelectionQueryTest {
  /** Real feeds (shared/data/amazon/updateinfo): 2022 and 2023 both publish as "amazonlinux". */
  static final List<String> FEEDS =
      List.of(
          "amazonlinux-2022",
          "amazonlinux-2023",
          "amazonlinux-2023-kernel-livepatch",
          "amzn2extra-docker",
          "amzn2extra-livepatch",
          "amzn2extra-php8.2");

  static List<Feed> feeds = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void parse() {
    for (String repo : FEEDS) {
      feeds.add(
          new UpdateinfoParser()
              .read(SharedData.data("amazon/updateinfo/" + repo + "/updateinfo.xml.gz"), repo));
    }
  }

  /** A repo whose id differs from an AL2 extras topic only in case. */
  static final AdvisorySource UPPER = new AdvisorySource("2", "AMZN2EXTRA-upper");

  private static AdvisoryRepository load(Database db) {
    AdvisoryRepository repo = db.advisories();
    for (int i = 0; i < FEEDS.size(); i++) {
      repo.importAdvisories(
          new FeedImport(FeedKind.UPDATEINFO, FEEDS.get(i), FEEDS.get(i), "sha256:" + i, null),
          feeds.get(i).advisories());
    }
    Advisory model = feeds.get(3).advisories().get(0);
    Advisory upper =
        new Advisory(
            "ALAS2UPPER-2024-001",
            UPPER,
            model.type(),
            model.severity(),
            model.severityText(),
            model.issued(),
            model.updated(),
            model.title(),
            model.description(),
            model.cves(),
            model.references(),
            model.packages(),
            model.rebootSuggested(),
            model.version());
    repo.importAdvisories(
        new FeedImport(FeedKind.UPDATEINFO, "upper", "hand-made", "sha256:upper", null),
        List.of(upper));
    return repo;
  }

  private static List<Advisory> only(List<Advisory> all, Predicate<Advisory> keep) {
    return all.stream().filter(keep).toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSelectionReadsWholeReposExactlyAsTheUnfilteredReadHasThem(Backend backend) {
    try (Database db = backend.openFresh(dir)) {
      AdvisoryRepository repo = load(db);
      List<Advisory> all = repo.list(AdvisoryQuery.all());
      assertThat(all).hasSize(277 + 816 + 38 + 49 + 197 + 5 + 1);
      record Case(String why, RepoSelection selection, Predicate<Advisory> expected) {}
      String livepatch =
          feeds.get(4).advisories().get(0).packages().get(0).name(); // kernel-livepatch-4.14...
      List<Case> cases =
          List.of(
              new Case(
                  "release 2023 publishes in amazonlinux, which 2022 shares: the whole repo",
                  new RepoSelection(Set.of("2023"), Set.of(), Set.of(), Set.of()),
                  a -> Set.of("amazonlinux", "kernel-livepatch").contains(a.source().repo())),
              new Case(
                  "release 2022 alone: amazonlinux, both releases of it",
                  new RepoSelection(Set.of("2022"), Set.of(), Set.of(), Set.of()),
                  a -> a.source().repo().equals("amazonlinux")),
              new Case(
                  "named repos, exactly; unknown names select nothing",
                  new RepoSelection(
                      Set.of(), Set.of("amzn2extra-docker", "amzn2-core"), Set.of(), Set.of()),
                  a -> a.source().repo().equals("amzn2extra-docker")),
              new Case(
                  "a prefix is case-sensitive (SQLite's LIKE would not be)",
                  new RepoSelection(Set.of(), Set.of(), Set.of("amzn2extra-"), Set.of()),
                  a -> a.source().repo().startsWith("amzn2extra-")),
              new Case(
                  "a fixed package name selects every repo fixing it, whole",
                  new RepoSelection(Set.of(), Set.of(), Set.of(), Set.of(livepatch)),
                  a -> a.source().repo().equals("amzn2extra-livepatch")),
              new Case(
                  "the parts add up",
                  new RepoSelection(
                      Set.of("2022"), Set.of("amzn2extra-php8.2"), Set.of("AMZN2"), Set.of()),
                  a ->
                      Set.of("amazonlinux", "amzn2extra-php8.2", UPPER.repo())
                          .contains(a.source().repo())),
              new Case(
                  "a release nothing publishes for selects nothing",
                  new RepoSelection(Set.of("9"), Set.of(), Set.of(), Set.of()),
                  a -> false));
      for (Case c : cases) {
        List<Advisory> expected = only(all, c.expected());
        assertThat(repo.list(c.selection())).as(c.why()).containsExactlyElementsOf(expected);
      }
      assertThat(only(all, a -> a.source().release().equals("2022"))).hasSize(277);
      assertThat(repo.list(new RepoSelection(Set.of(), Set.of(), Set.of(), Set.of()))).isEmpty();
    }
  }
}
