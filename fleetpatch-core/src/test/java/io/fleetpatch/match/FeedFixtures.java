package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon's real updateinfo (shared/data/amazon/updateinfo/REPO/updateinfo.xml.gz) as advisories,
 * read with the product's parser, once per repo for the whole test run.
 */
final class FeedFixtures {
  private FeedFixtures() {}

  private static final ConcurrentHashMap<String, List<Advisory>> CACHE = new ConcurrentHashMap<>();

  static Path dir() {
    return SharedData.data("amazon/updateinfo");
  }

  /** Every advisory of the given repo folders. */
  static List<Advisory> load(List<String> repos) {
    List<Advisory> all = new ArrayList<>();
    for (String r : repos) {
      all.addAll(
          CACHE.computeIfAbsent(
              r,
              k ->
                  new UpdateinfoParser()
                      .read(dir().resolve(k).resolve("updateinfo.xml.gz"), k)
                      .advisories()));
    }
    return all;
  }

  /** The repo folders whose name starts with the prefix. */
  static List<String> repos(String prefix) throws IOException {
    try (var s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .sorted()
          .toList();
    }
  }
}
