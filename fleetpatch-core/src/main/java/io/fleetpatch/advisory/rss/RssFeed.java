package io.fleetpatch.advisory.rss;

import io.fleetpatch.problem.Problem;
import java.util.List;

/** The items of one ALAS RSS file, in feed order, and the problems stepped over. */
public record RssFeed(List<RssItem> items, List<Problem> warnings) {
  public RssFeed {
    items = List.copyOf(items);
    warnings = List.copyOf(warnings);
  }
}
