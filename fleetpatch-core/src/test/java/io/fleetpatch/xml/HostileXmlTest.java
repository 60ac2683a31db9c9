package io.fleetpatch.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile inputs (DESIGN.md §9): each must end in a {@link ProblemException} quickly and in bounded
 * memory (surefire's heap is 2 GB; the inputs would need far more if buffered). The large ones are
 * generated on the fly, never stored.
 */
class HostileXmlTest {
  private static final Duration QUICK = Duration.ofSeconds(30);

  static ProblemException parse(InputStream in) {
    try {
      new UpdateinfoParser().stream(in, "hostile.xml", "amzn2-core", a -> {});
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("no problem reported");
  }

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # document | message | why
          <?xml version='1.0'?><!DOCTYPE u [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><updates>&x;</updates> | <!DOCTYPE> is not allowed | XXE, external general entity
          <?xml version='1.0'?><!DOCTYPE u SYSTEM 'http://127.0.0.1:9/evil.dtd'><updates/> | <!DOCTYPE> is not allowed | external DTD
          <?xml version='1.0'?><!DOCTYPE u [<!ENTITY % p SYSTEM 'http://127.0.0.1:9/x'> %p;]><updates/> | <!DOCTYPE> is not allowed | parameter entity
          <updates>&undefined;</updates> | not well-formed XML | an entity without a DTD
          <updates><update type='security'><id>ALAS2-2020-1</id></update> | not well-formed XML | unclosed root
          """)
  void refused(String xml, String message, String why) {
    assertThat(parse(text(xml)).getMessage()).as(why).contains(message);
  }

  @Test
  void billionLaughs() {
    StringBuilder b = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>");
    for (int i = 1; i <= 9; i++) {
      b.append("<!ENTITY lol").append(i).append(" '");
      for (int j = 0; j < 10; j++) {
        b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      b.append("'>");
    }
    b.append("]><updates>&lol9;</updates>");
    assertTimeoutPreemptively(
        QUICK,
        () ->
            assertThat(parse(text(b.toString())).getMessage())
                .contains("<!DOCTYPE> is not allowed"));
  }

  @Test
  void gzipBombOfTenGigabytes() throws IOException {
    // one gzip member holding 1 MiB of '<a/>' elements, repeated 10,240 times: 10 GiB
    // decompressed from ~20 MB of concatenated members, generated lazily
    byte[] member = SafeInputTest.compress(elements(1 << 20), Compression.GZIP);
    InputStream bomb =
        new SequenceInputStream(
            new ByteArrayInputStream(
                SafeInputTest.compress(
                    "<updates>".getBytes(StandardCharsets.US_ASCII), Compression.GZIP)),
            repeat(member, 10_240));
    XmlLimits small = XmlLimits.DEFAULT.withMaxDecompressedBytes(8L << 20);
    assertTimeoutPreemptively(
        QUICK,
        () -> {
          ProblemException e =
              assertThrowsProblem(
                  () ->
                      new UpdateinfoParser(small)
                          .stream(bomb, "bomb.xml.gz", "amzn2-core", a -> {}));
          assertThat(e.getMessage())
              .contains("decompresses to more than 8388608 bytes, the limit (a decompression bomb");
        });
  }

  @Test
  void gzipBombOfZerosWithTheDefaultLimits() throws IOException {
    // 10 GiB of zeros: refused at the first byte that is not XML, not after inflating it all
    byte[] member = SafeInputTest.compress(new byte[16 << 20], Compression.GZIP);
    assertTimeoutPreemptively(
        QUICK,
        () ->
            assertThat(parse(repeat(member, 640)).getMessage())
                .contains("hostile.xml")
                .contains("not well-formed XML"));
    // and the same bytes as plain gzip, checked to really be 10 GiB, read through the limit
    try (InputStream in =
        SafeInput.open(
            new GZIPInputStream(repeat(member, 2)),
            "z",
            Compression.NONE,
            XmlLimits.DEFAULT.withMaxTokenBytes(Integer.MAX_VALUE))) {
      assertThat(SafeInputTest.drain(in)).isEqualTo(2L * (16 << 20));
    }
  }

  @Test
  void aHundredMegabyteAttribute() {
    InputStream head = text("<updates><update type='security' version='");
    InputStream body =
        new InputStream() {
          long left = 100L << 20;

          @Override
          public int read() {
            return left-- > 0 ? 'a' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            return n;
          }
        };
    InputStream all =
        new SequenceInputStream(new SequenceInputStream(head, body), text("'/></updates>"));
    assertTimeoutPreemptively(
        QUICK,
        () ->
            assertThat(parse(all).getMessage())
                .contains(
                    "more than 16777216 bytes without a '<': an attribute value or text longer than the limit"));
  }

  @Test
  void deepNesting() {
    String deep = "<updates>" + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</updates>";
    assertThat(parse(text(deep)).getMessage())
        .contains("elements nested deeper than 64, the limit");
  }

  @Test
  void longText() {
    String big =
        "<updates><update type='security'><id>ALAS2-2020-1</id><description>"
            + "a\n".repeat(3 << 20)
            + "</description></update></updates>";
    assertThat(parse(text(big)).getMessage())
        .contains("text of <description> longer than 4194304 characters");
  }

  @Test
  void truncatedAtRandomSeededPoints(@TempDir Path dir) throws IOException {
    Path real =
        SharedData.data(
            "amazon/vuls-data-update/pkg/fetch/amazon/testdata/fixtures/updateinfo_2023.xml.gz");
    byte[] gz = Files.readAllBytes(real);
    byte[] xml;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      xml = in.readAllBytes();
    }
    Random random = new Random(20261122);
    for (int i = 0; i < 40; i++) {
      boolean compressed = i % 2 == 0;
      byte[] whole = compressed ? gz : xml;
      int cut = 1 + random.nextInt(whole.length - 2);
      Path file = dir.resolve("cut" + i + (compressed ? ".xml.gz" : ".xml"));
      Files.write(file, java.util.Arrays.copyOf(whole, cut));
      assertThatThrownBy(() -> new UpdateinfoParser().read(file, null))
          .as("cut at %d of %d", cut, whole.length)
          .isInstanceOf(ProblemException.class)
          .hasMessageStartingWith(file.toString() + ": ");
    }
  }

  static InputStream repeat(byte[] member, int times) {
    return new SequenceInputStream(
        Collections.enumeration(
            Collections.nCopies(times, 0).stream()
                .map(i -> (InputStream) new ByteArrayInputStream(member))
                .toList()));
  }

  static byte[] elements(int size) {
    byte[] b = new byte[size];
    byte[] a = "<a/>".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      b[i] = a[i % 4];
    }
    return b;
  }

  static ProblemException assertThrowsProblem(Runnable r) {
    try {
      r.run();
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("no problem reported");
  }
}
