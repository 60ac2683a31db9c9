package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NevraFormats} on real listings and feeds from {@code ../shared/data}. */
class NevraFormatsDataTest {
  static Stream<String> goRpmdbListings() throws IOException {
    try (Stream<Path> files = Files.list(SharedData.data("rpmdb/go-rpmdb/expected"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tsv"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /**
   * go-rpmdb's expected lists: {@code rpm -qa --queryformat} output of real images (CentOS 5-8, UBI
   * 8 s390x, Fedora 35, Rocky 9, SLE 15, CBL-Mariner), epoch empty when absent, arch empty for the
   * gpg-pubkey entries. Every row must read, and packages plus keys must make the count that
   * index.json records (where it has one).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("goRpmdbListings")
  void readsEveryRowOfRealQueryformatListings(String file) throws IOException {
    List<String> lines =
        Files.readAllLines(
            SharedData.data("rpmdb/go-rpmdb/expected/" + file), StandardCharsets.UTF_8);
    NevraFormats.Columns columns = NevraFormats.Columns.fromHeader(lines.get(0));
    int packages = 0;
    int keys = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      Optional<Nevra> n = NevraFormats.parseTabSeparated(line, columns);
      if (n.isEmpty()) {
        keys++;
        assertThat(line).contains(NevraFormats.PUBKEY_NAME);
        continue;
      }
      packages++;
      String[] cells = line.split("\t", -1);
      assertThat(n.get().name()).isEqualTo(cells[columns.name()]);
      assertThat(n.get().evr().epoch() == null).isEqualTo(cells[columns.epoch()].isEmpty());
      assertThat(n.get().arch().isKnown()).as(line).isTrue();
      assertThat(Nevra.parse(n.get().toString())).isEqualTo(n.get());
    }
    assertThat(packages).isPositive();
    JsonNode count =
        new ObjectMapper()
            .readTree(SharedData.data("rpmdb/go-rpmdb/expected/index.json").toFile())
            .path(file.replace(".tsv", ""))
            .path("count");
    if (count.isInt()) {
      assertThat(packages + keys).isEqualTo(count.asInt());
    }
  }

  /**
   * Every {@code <package>} of every Amazon updateinfo (115,356 rows): the attributes make a
   * package, epoch "0" stays an explicit 0, and its {@code <filename>} names the same package.
   */
  @Test
  void readsEveryAmazonUpdateinfoPackage() throws IOException, XMLStreamException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SharedData.data("amazon/updateinfo"))) {
      files = s.map(d -> d.resolve("updateinfo.xml.gz")).filter(Files::exists).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    int rows = 0;
    int withEpoch = 0;
    List<String> mismatches = new ArrayList<>();
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    for (Path file : files) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
        XMLStreamReader r = f.createXMLStreamReader(in);
        Nevra current = null;
        while (r.hasNext()) {
          int ev = r.next();
          if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("package")) {
            current =
                NevraFormats.fromFields(
                    r.getAttributeValue(null, "name"),
                    r.getAttributeValue(null, "epoch"),
                    r.getAttributeValue(null, "version"),
                    r.getAttributeValue(null, "release"),
                    r.getAttributeValue(null, "arch"));
            rows++;
            assertThat(current.evr().epoch()).isNotNull();
            if (current.evr().epochOrZero() != 0) {
              withEpoch++;
            }
          } else if (ev == XMLStreamConstants.START_ELEMENT
              && r.getLocalName().equals("filename")
              && current != null) {
            Nevra fromFile = Nevra.parseFilename(r.getElementText().strip());
            Nevra noEpoch =
                new Nevra(
                    current.name(),
                    Evr.of(current.evr().version(), current.evr().release()),
                    current.arch());
            if (!fromFile.equals(noEpoch)) {
              mismatches.add(file + ": " + current + " vs " + fromFile);
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(rows).isEqualTo(115_356);
    assertThat(withEpoch).isEqualTo(21_393);
  }
}
