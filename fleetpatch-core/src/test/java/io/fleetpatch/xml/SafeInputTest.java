package io.fleetpatch.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SafeInputTest {
  private static final Path DECOMPRESS =
      SharedData.data("el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/decompress");

  @ParameterizedTest
  @CsvSource({
    "payload, NONE",
    "payload.gz, GZIP",
    "payload.bz2, BZIP2",
    "payload.xz, XZ",
    "payload.zst, ZSTD"
  })
  void theDecompressSetGivesOnePayload(String file, Compression expected) throws IOException {
    byte[] plain = Files.readAllBytes(DECOMPRESS.resolve("payload"));
    try (SafeInput in = SafeInput.open(DECOMPRESS.resolve(file), XmlLimits.DEFAULT)) {
      assertThat(in.compression()).isEqualTo(expected);
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void oneUpdateinfoInEveryCompressionParsesTheSame(Compression c, @TempDir Path dir)
      throws IOException {
    Path plain =
        SharedData.data("el-family/vuln-list-update/rocky/testdata/fixtures/happy/updateinfo.xml");
    Path file = dir.resolve("updateinfo.xml" + c.suffix());
    Files.write(file, compress(Files.readAllBytes(plain), c));
    Feed expected = new UpdateinfoParser().read(plain, "rocky8/baseos");
    Feed actual = new UpdateinfoParser().read(file, "rocky8/baseos");
    assertThat(actual.advisories()).isEqualTo(expected.advisories()).hasSize(4);
  }

  @Test
  void aNameThatLiesAboutTheCompressionIsAProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("updateinfo.xml.xz");
    Files.write(file, compress("<updates/>".getBytes(), Compression.GZIP));
    assertThatThrownBy(() -> SafeInput.open(file, XmlLimits.DEFAULT))
        .isInstanceOf(ProblemException.class)
        .hasMessage(
            file
                + ": the name says xz (.xz) but the content is gzip: not the file it claims to be");
  }

  @Test
  void anEmptyFileIsAProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("updateinfo.xml");
    Files.write(file, new byte[0]);
    assertThatThrownBy(() -> SafeInput.open(file, XmlLimits.DEFAULT))
        .isInstanceOf(ProblemException.class)
        .hasMessage(file + ": empty file");
  }

  static byte[] compress(byte[] data, Compression c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor(bytes, c)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static OutputStream compressor(OutputStream out, Compression c) throws IOException {
    return switch (c) {
      case NONE -> out;
      case GZIP -> new GzipCompressorOutputStream(out);
      case BZIP2 -> new BZip2CompressorOutputStream(out);
      case XZ -> new XZCompressorOutputStream(out);
      case ZSTD -> new ZstdCompressorOutputStream(out);
    };
  }

  static long drain(InputStream in) throws IOException {
    return in.transferTo(OutputStream.nullOutputStream());
  }
}
