package io.fleetpatch.cli.feeds;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.enrich.EpssScore;
import io.fleetpatch.advisory.enrich.KevEntry;
import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.problem.Problem;
import java.util.List;

/** A feed file read and checked, ready to import: nothing is written before every file reads. */
public sealed interface LoadedFeed {
  FeedImport feed();

  /** Problems the parser stepped over. */
  List<Problem> warnings();

  /** Records in the feed. */
  int size();

  /** Imports this feed in one transaction. */
  ImportOutcome importInto(AdvisoryRepository repository);

  /** Advisories: from updateinfo (directly or through repomd.xml), OVAL or RSS. */
  record Advisories(FeedImport feed, List<Advisory> advisories, List<Problem> warnings)
      implements LoadedFeed {
    @Override
    public int size() {
      return advisories.size();
    }

    @Override
    public ImportOutcome importInto(AdvisoryRepository repository) {
      return repository.importAdvisories(feed, advisories);
    }
  }

  record Kev(FeedImport feed, List<KevEntry> entries, List<Problem> warnings)
      implements LoadedFeed {
    @Override
    public int size() {
      return entries.size();
    }

    @Override
    public ImportOutcome importInto(AdvisoryRepository repository) {
      return repository.importKev(feed, entries);
    }
  }

  record Epss(FeedImport feed, List<EpssScore> scores, List<Problem> warnings)
      implements LoadedFeed {
    @Override
    public int size() {
      return scores.size();
    }

    @Override
    public ImportOutcome importInto(AdvisoryRepository repository) {
      return repository.importEpss(feed, scores);
    }
  }
}
