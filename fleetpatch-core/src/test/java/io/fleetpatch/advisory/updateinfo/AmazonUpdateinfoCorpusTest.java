package io.fleetpatch.advisory.updateinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.AdvisorySource;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Amazon Linux advisory of the shared data set (data/README.md, "amazon/updateinfo"): the
 * figures there are the expected ones. The whole set is parsed once, streaming.
 */
class AmazonUpdateinfoCorpusTest {
  private static final Path DIR = SharedData.data("amazon/updateinfo");

  /** Per folder (= repo id): advisories, package rows, sources seen, warnings. */
  record Folder(int advisories, long rows, Set<AdvisorySource> sources, List<Problem> warnings) {}

  private static final Map<String, Folder> BY_FOLDER = new TreeMap<>();
  private static final Set<String> CVES = new HashSet<>();
  private static final Set<String> CVE_REFERENCE_IDS = new HashSet<>();
  private static final Set<String> IDS = new HashSet<>();
  private static long nonZeroEpochRows;

  @BeforeAll
  static void parseAll() throws IOException {
    UpdateinfoParser parser = new UpdateinfoParser();
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long startCpu = cpu.getCurrentThreadCpuTime();
    List<Path> folders;
    try (Stream<Path> s = Files.list(DIR)) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path folder : folders) {
      String repoId = folder.getFileName().toString();
      int[] n = {0};
      long[] rows = {0};
      Set<AdvisorySource> sources = new HashSet<>();
      List<Problem> warnings =
          parser.stream(
              folder.resolve("updateinfo.xml.gz"),
              repoId,
              a -> {
                n[0]++;
                rows[0] += a.packages().size();
                sources.add(a.source());
                CVES.addAll(a.cves());
                a.references().stream()
                    .filter(r -> r.type().equals("cve"))
                    .forEach(r -> CVE_REFERENCE_IDS.add(r.id()));
                IDS.add(a.id());
                nonZeroEpochRows +=
                    a.packages().stream().filter(p -> p.fixed().epochOrZero() != 0).count();
              });
      BY_FOLDER.put(repoId, new Folder(n[0], rows[0], sources, warnings));
    }
    // a figure for the record, not a timed assertion (benchmarks belong to fleetpatch bench)
    long ms = (System.nanoTime() - start) / 1_000_000;
    long cpuMs = (cpu.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
    System.out.printf(
        "parsed %d Amazon updateinfo files, %d advisories, in %d ms (%d ms CPU, cold JVM)%n",
        folders.size(), IDS.size(), ms, cpuMs);
  }

  @Test
  void wholeSetHasTheReadmeFigures() {
    assertThat(BY_FOLDER.values().stream().mapToInt(Folder::advisories).sum()).isEqualTo(5_393);
    assertThat(BY_FOLDER.values().stream().mapToLong(Folder::rows).sum()).isEqualTo(115_356);
    // the README's 8,489 distinct CVEs count the ids of type="cve" references, which include
    // Amazon's placeholder CVE-PENDING (AL1, twice): it is kept as a reference, not as a CVE
    assertThat(CVE_REFERENCE_IDS.size()).isEqualTo(8_489);
    assertThat(CVE_REFERENCE_IDS).contains("CVE-PENDING");
    assertThat(CVES.size()).isEqualTo(8_488);
    assertThat(CVES).allMatch(c -> c.matches("CVE-\\d{4}-\\d{4,}"));
    assertThat(IDS).as("advisory ids are unique over all repos").hasSize(5_393);
    assertThat(nonZeroEpochRows).as("rows with a non-zero epoch").isEqualTo(21_393);
  }

  @Test
  void perFolderCountsAsInTheReadme() {
    assertThat(BY_FOLDER.get("amzn-updates").advisories()).isEqualTo(1_811);
    assertThat(BY_FOLDER.get("amzn2-core").advisories()).isEqualTo(1_618);
    assertThat(BY_FOLDER.get("amazonlinux-2022").advisories()).isEqualTo(277);
    assertThat(BY_FOLDER.get("amazonlinux-2023").advisories()).isEqualTo(816);
    assertThat(BY_FOLDER.get("amazonlinux-2023-kernel-livepatch").advisories()).isEqualTo(38);
    assertThat(BY_FOLDER.get("amzn2extra-livepatch").advisories()).isEqualTo(197);
    List<String> extras =
        BY_FOLDER.keySet().stream().filter(k -> k.startsWith("amzn2extra-")).toList();
    assertThat(extras).hasSize(41);
    assertThat(extras.stream().mapToInt(k -> BY_FOLDER.get(k).advisories()).sum()).isEqualTo(833);
  }

  @Test
  void folderNameGivesTheSource() {
    assertThat(BY_FOLDER.get("amzn-updates").sources())
        .containsExactly(new AdvisorySource("1", "amzn-updates"));
    assertThat(BY_FOLDER.get("amzn2-core").sources())
        .containsExactly(new AdvisorySource("2", "amzn2-core"));
    assertThat(BY_FOLDER.get("amzn2extra-aws-nitro-enclaves-cli").sources())
        .containsExactly(new AdvisorySource("2", "amzn2extra-aws-nitro-enclaves-cli"));
    assertThat(BY_FOLDER.get("amazonlinux-2022").sources())
        .containsExactly(new AdvisorySource("2022", "amazonlinux"));
    assertThat(BY_FOLDER.get("amazonlinux-2023").sources())
        .containsExactly(new AdvisorySource("2023", "amazonlinux"));
    assertThat(BY_FOLDER.get("amazonlinux-2023-kernel-livepatch").sources())
        .containsExactly(new AdvisorySource("2023", "kernel-livepatch"));
  }

  @Test
  void theOnlyWarningsAreTheCvePendingPlaceholders() {
    List<Problem> all = new ArrayList<>();
    BY_FOLDER.values().forEach(f -> all.addAll(f.warnings()));
    assertThat(all).hasSize(2);
    assertThat(all)
        .allSatisfy(
            p -> {
              assertThat(p.source()).endsWith("amzn-updates/updateinfo.xml.gz");
              assertThat(p.where()).startsWith("line ");
              assertThat(p.message()).contains("'CVE-PENDING' is not a CVE id");
            });
  }

  @Test
  void withoutARepoIdTheCollectionTellsTheSource() {
    // why: the folder and collection names differ for some extras topics; the inferred source is
    // the collection's, documented in UpdateinfoSources
    record Case(String folder, AdvisorySource expected) {}
    UpdateinfoParser parser = new UpdateinfoParser();
    for (Case c :
        List.of(
            new Case("amzn-updates", new AdvisorySource("1", "amzn-updates")),
            new Case("amzn2extra-docker", new AdvisorySource("2", "amzn2extra-docker")),
            new Case(
                "amzn2extra-aws-nitro-enclaves-cli",
                new AdvisorySource("2", "amzn2extra-nitro-enclaves")),
            new Case("amzn2extra-unbound1.13", new AdvisorySource("2", "amzn2extra-unbound")),
            new Case(
                "amazonlinux-2023-kernel-livepatch",
                new AdvisorySource("2023", "kernel-livepatch")),
            new Case("amazonlinux-2022", new AdvisorySource("2022", "amazonlinux")))) {
      Set<AdvisorySource> sources = new HashSet<>();
      parser.read(DIR.resolve(c.folder()).resolve("updateinfo.xml.gz"), null).advisories().stream()
          .map(Advisory::source)
          .forEach(sources::add);
      assertThat(sources).as(c.folder()).containsExactly(c.expected());
    }
  }
}
