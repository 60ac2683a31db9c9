package io.fleetpatch.rpm.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderTest {
  static byte[] realBlob() throws IOException {
    return Files.readAllBytes(SharedData.data("rpmdb/go-rpmdb/pkg/testdata/blob.bin"));
  }

  @Test
  void readsRealBlobs() throws IOException {
    PackageHeader h = PackageHeader.parse(realBlob());
    assertThat(h.name()).isNotEmpty();
    assertThat(h.version()).isNotEmpty();
    PackageHeader c =
        PackageHeader.parse(
            Files.readAllBytes(
                SharedData.data("rpmdb/claircore/internal/rpm/rpmdb/testdata/package.header")));
    assertThat(c.name()).isNotEmpty();
    assertThat(c.arch()).isNotEmpty();
  }

  @Test
  void builtHeaderRoundTrips() {
    byte[] blob =
        new HeaderBlobBuilder()
            .string(RpmTag.NAME, "openssl")
            .string(RpmTag.VERSION, "1.0.2k")
            .string(RpmTag.RELEASE, "24.amzn2")
            .int32(RpmTag.EPOCH, 1)
            .string(RpmTag.ARCH, "x86_64")
            .string(RpmTag.VENDOR, "Amazon Linux")
            .dribbleString(RpmTag.SOURCERPM, "openssl-1.0.2k-24.amzn2.src.rpm")
            .build();
    PackageHeader h = PackageHeader.parse(blob);
    assertThat(h)
        .isEqualTo(
            new PackageHeader(
                "openssl",
                1L,
                "1.0.2k",
                "24.amzn2",
                "x86_64",
                "openssl-1.0.2k-24.amzn2.src.rpm",
                "Amazon Linux",
                null,
                null));
  }

  @Test
  void dribbleEntriesReplaceRegionEntries() {
    byte[] blob =
        new HeaderBlobBuilder()
            .string(RpmTag.NAME, "a")
            .string(RpmTag.VERSION, "1")
            .string(RpmTag.VENDOR, "old")
            .dribbleString(RpmTag.VENDOR, "new")
            .build();
    assertThat(PackageHeader.parse(blob).vendor()).isEqualTo("new");
  }

  @Test
  void headerWithoutRegionIsAccepted() {
    byte[] blob =
        new HeaderBlobBuilder()
            .noRegion()
            .string(RpmTag.NAME, "a")
            .string(RpmTag.VERSION, "1")
            .build();
    assertThat(PackageHeader.parse(blob).name()).isEqualTo("a");
    assertThat(PackageHeader.parse(blob).epoch()).isNull();
    assertThat(PackageHeader.parse(blob).arch()).isNull();
  }

  /** Mutations of a valid built header, each breaking one rule of lib/header.c. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                    | message contains
          il over 65535             | index entries (at most 65535)
          dl over 256 MB            | data bytes (at most 256 MB)
          one byte short            | but the blob has
          no entries                | header size
          entry offset past data    | offset outside the data
          negative offset           | offset outside the data
          overlapping data          | overlaps the previous entry
          misaligned int32          | not aligned to 4
          unterminated string       | overlaps the region trailer
          string count 2            | runs past the end
          int32 count huge          | count too large
          int32 count past end      | runs past the end
          bad type 10               | bad type
          tag below 100             | bad tag number
          region tag wrong type     | region tag 63
          region trailer outside    | trailer offset
          region trailer bad tag    | region trailer
          region size not multiple  | region size
          data over trailer         | region trailer
          """)
  void brokenHeadersAreRefused(String name, String message) {
    byte[] blob = base();
    mutation(name).accept(ByteBuffer.wrap(blob));
    byte[] b = name.equals("one byte short") ? Arrays.copyOf(blob, blob.length - 1) : blob;
    if (name.equals("no entries")) {
      b = new byte[] {0, 0, 0, 0, 0, 0, 0, 0};
      message = "no index entries";
    }
    byte[] input = b;
    assertThatThrownBy(() -> PackageHeader.parse(input))
        .isInstanceOf(HeaderFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void stringRunningOffTheEndIsRefused() {
    byte[] blob =
        new HeaderBlobBuilder()
            .noRegion()
            .string(RpmTag.NAME, "a")
            .string(RpmTag.VERSION, "1")
            .build();
    blob[blob.length - 1] = 'z';
    assertThatThrownBy(() -> Header.parse(blob)).hasMessageContaining("runs past the end");
  }

  @Test
  void typeMismatchOfAKnownTagIsRefused() {
    byte[] blob = new HeaderBlobBuilder().int32(RpmTag.NAME, 5).string(RpmTag.VERSION, "1").build();
    assertThatThrownBy(() -> PackageHeader.parse(blob)).hasMessageContaining("expected a string");
    byte[] noName = new HeaderBlobBuilder().string(RpmTag.VERSION, "1").build();
    assertThatThrownBy(() -> PackageHeader.parse(noName)).hasMessageContaining("no NAME");
  }

  /**
   * Index: 0 region (63), 1 NAME (offset 0), 2 VERSION (2), 3 EPOCH int32 (4), 4 ARCH (8); data:
   * "a\0" "1\0" int32 "x\0" trailer(16).
   */
  static byte[] base() {
    return new HeaderBlobBuilder()
        .string(RpmTag.NAME, "a")
        .string(RpmTag.VERSION, "1")
        .int32(RpmTag.EPOCH, 3)
        .string(RpmTag.ARCH, "x")
        .build();
  }

  static Consumer<ByteBuffer> mutation(String name) {
    int e1 = 8 + 16; // index entry 1
    int e3 = 8 + 48;
    int e4 = 8 + 64;
    return switch (name) {
      case "il over 65535" -> b -> b.putInt(0, 0x10000);
      case "dl over 256 MB" -> b -> b.putInt(4, 0x10000000);
      case "one byte short", "no entries" -> b -> {};
      case "entry offset past data" -> b -> b.putInt(e4 + 8, 1000);
      case "negative offset" -> b -> b.putInt(e1 + 8, -4);
      case "overlapping data" -> b -> b.putInt(e4 + 8, 5);
      case "misaligned int32" -> b -> b.putInt(e3 + 8, 5);
      case "unterminated string" -> b -> b.put(8 + 80 + 8, (byte) 'x').put(8 + 80 + 9, (byte) 'y');
      case "string count 2" -> b -> b.putInt(e1 + 12, 2);
      case "int32 count huge" -> b -> b.putInt(e3 + 12, 0x7fffffff);
      case "int32 count past end" -> b -> b.putInt(e3 + 12, 100);
      case "bad type 10" -> b -> b.putInt(e1 + 4, 10);
      case "tag below 100" -> b -> b.putInt(e1, 99);
      case "region tag wrong type" -> b -> b.putInt(8 + 4, 6);
      case "region trailer outside" -> b -> b.putInt(8 + 8, 200);
      case "region trailer bad tag" -> b -> b.putInt(8 + 80 + 10, 62);
      case "region size not multiple" -> b -> b.putInt(8 + 80 + 10 + 8, -17);
      case "data over trailer" -> b -> b.putInt(e4 + 8, 10);
      default -> throw new IllegalArgumentException(name);
    };
  }
}
