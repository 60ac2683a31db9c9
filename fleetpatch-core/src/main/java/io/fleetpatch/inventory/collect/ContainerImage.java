package io.fleetpatch.inventory.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * A container image as SOURCE: a {@code docker save} archive (docker-archive: {@code
 * manifest.json}, the config {@code <sha256>.json}, {@code <id>/layer.tar}; newer docker writes
 * {@code blobs/sha256/<hex>} names) or an OCI image layout directory (image-spec/image-layout.md:
 * {@code oci-layout}, {@code index.json}, {@code blobs/sha256/<hex>}). The first image listed is
 * read. Layers are streamed (plain tar, gzip or zstd, told by magic bytes) through {@link
 * ImageLayers}; nothing but the few needed files is written, to a temporary directory deleted
 * afterwards.
 *
 * <p>Integrity: every OCI blob read must hash to its name (image-spec/descriptor.md "Digests": "the
 * digest of the targeted content"), and every layer's uncompressed tar to the config's {@code
 * rootfs.diff_ids[i]} (image-spec/config.md); in a docker archive the config must hash to its file
 * name. A mismatch, a missing blob or a truncated tar is a {@link Problem} naming the file and the
 * layer.
 */
final class ContainerImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final long MAX_JSON_BYTES = 4L << 20;

  /** What was read: the root (inside a temp dir owned by {@code layers}) and the image's name. */
  record Unpacked(ImageLayers layers, Path root, String name) implements AutoCloseable {
    @Override
    public void close() {
      layers.close();
    }
  }

  private ContainerImage() {}

  /** Whether {@code dir} is an OCI image layout (it has an {@code oci-layout} file). */
  static boolean isOciLayout(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("oci-layout"));
  }

  /** Whether {@code head} starts a POSIX/GNU tar (magic "ustar" at offset 257). */
  static boolean isTar(byte[] head) {
    return head.length >= 262
        && head[257] == 'u'
        && head[258] == 's'
        && head[259] == 't'
        && head[260] == 'a'
        && head[261] == 'r';
  }

  /** Reads an OCI image layout directory. */
  static Unpacked readOci(Path dir, Path tempParent) {
    String where = dir.toString();
    JsonNode index = json(readBounded(dir.resolve("index.json"), where, "index.json"), where);
    JsonNode manifest = null;
    String manifestDigest = null;
    for (int depth = 0; depth < 4 && manifest == null; depth++) {
      JsonNode d = index.path("manifests").path(0);
      if (d.isMissingNode()) {
        throw new ProblemException(Problem.of(where, "image index lists no manifests"));
      }
      String digest = digestOf(d, where);
      JsonNode doc = json(blob(dir, digest, "manifest"), where);
      if (doc.has("manifests")) {
        index = doc; // a nested image index: take its first entry
      } else {
        manifest = doc;
        manifestDigest = digest;
      }
    }
    if (manifest == null) {
      throw new ProblemException(Problem.of(where, "image indexes nested too deeply"));
    }
    JsonNode config = json(blob(dir, digestOf(manifest.path("config"), where), "config"), where);
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    JsonNode layerDescs = manifest.path("layers");
    ImageLayers layers = new ImageLayers(tempParent);
    try {
      for (int i = 0; i < layerDescs.size(); i++) {
        String digest = digestOf(layerDescs.get(i), where);
        Path file = dir.resolve("blobs/sha256").resolve(digest.substring(7));
        String layer = "layer " + (i + 1) + " (" + digest + ")";
        if (!Files.isRegularFile(file)) {
          throw ImageLayers.problem(
              where, layer, "missing blob blobs/sha256/" + digest.substring(7));
        }
        applyLayer(layers, file, file.toString(), layer, digest, diffIds.path(i).asText(null));
      }
      String name =
          index
              .path("manifests")
              .path(0)
              .path("annotations")
              .path("io.containerd.image.name")
              .asText(manifestDigest);
      return new Unpacked(layers, layers.materialize(), name);
    } catch (RuntimeException e) {
      layers.close();
      throw e;
    }
  }

  /** Reads a {@code docker save} archive. */
  static Unpacked readDockerArchive(Path tarFile, Path tempParent) {
    String where = tarFile.toString();
    try (TarFile tar = new TarFile(tarFile)) {
      java.util.Map<String, TarArchiveEntry> entries = new java.util.HashMap<>();
      for (TarArchiveEntry e : tar.getEntries()) {
        entries.put(ImageLayers.clean(e.getName(), where, "archive"), e);
      }
      JsonNode manifest =
          json(member(tar, entries, "manifest.json", where, "manifest.json", null), where).path(0);
      if (manifest.isMissingNode()) {
        throw new ProblemException(Problem.of(where, "manifest.json lists no image"));
      }
      String configName = manifest.path("Config").asText("");
      String configDigest = digestInName(configName);
      JsonNode config =
          json(member(tar, entries, configName, where, "config", configDigest), where);
      JsonNode diffIds = config.path("rootfs").path("diff_ids");
      JsonNode layerNames = manifest.path("Layers");
      ImageLayers layers = new ImageLayers(tempParent);
      try {
        for (int i = 0; i < layerNames.size(); i++) {
          String name = layerNames.get(i).asText("");
          String layer = "layer " + (i + 1) + " (" + name + ")";
          TarArchiveEntry e = entries.get(ImageLayers.clean(name, where, layer));
          if (e == null || !e.isFile()) {
            throw ImageLayers.problem(where, layer, "missing layer file '" + name + "'");
          }
          try (InputStream raw = tar.getInputStream(e)) {
            applyStream(
                layers, raw, where, layer, digestInName(name), diffIds.path(i).asText(null));
          }
        }
        JsonNode tags = manifest.path("RepoTags");
        String image = tags.path(0).asText(configDigest == null ? configName : configDigest);
        return new Unpacked(layers, layers.materialize(), image);
      } catch (RuntimeException | IOException e) {
        layers.close();
        throw e;
      }
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(where, "unreadable docker archive (truncated or corrupt): " + e.getMessage()));
    }
  }

  private static void applyLayer(
      ImageLayers layers, Path file, String where, String layer, String digest, String diffId) {
    try (InputStream raw = Files.newInputStream(file)) {
      applyStream(layers, raw, where, layer, digest, diffId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams one layer blob through the digests (blob: {@code digest}, uncompressed: {@code diffId};
   * either may be null) and {@link ImageLayers#apply}.
   */
  private static void applyStream(
      ImageLayers layers, InputStream raw, String where, String layer, String digest, String diffId)
      throws IOException {
    DigestInputStream blob = new DigestInputStream(new BufferedInputStream(raw), sha256());
    BufferedInputStream peek = new BufferedInputStream(blob);
    peek.mark(4);
    byte[] magic = peek.readNBytes(4);
    peek.reset();
    InputStream plain;
    try {
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        plain = new GzipCompressorInputStream(peek, true);
      } else if (magic.length == 4
          && (magic[0] & 0xff) == 0x28
          && (magic[1] & 0xff) == 0xb5
          && (magic[2] & 0xff) == 0x2f
          && (magic[3] & 0xff) == 0xfd) {
        plain = new ZstdCompressorInputStream(peek);
      } else {
        plain = peek;
      }
    } catch (IOException e) {
      throw ImageLayers.problem(where, layer, "corrupt compressed layer: " + e.getMessage());
    }
    DigestInputStream tar = new DigestInputStream(plain, sha256());
    try {
      layers.apply(new NonClosing(tar), where, layer);
    } catch (ProblemException unreadable) {
      // a damaged blob usually breaks gzip or tar first: say so when the digest tells
      try {
        blob.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw unreadable;
      }
      check(blob.getMessageDigest(), digest, where, layer, "blob");
      throw unreadable;
    }
    try {
      tar.transferTo(java.io.OutputStream.nullOutputStream()); // tar padding after the end blocks
      blob.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw ImageLayers.problem(where, layer, "truncated or corrupt layer: " + e.getMessage());
    }
    check(blob.getMessageDigest(), digest, where, layer, "blob");
    check(tar.getMessageDigest(), diffId, where, layer, "uncompressed tar (diff_id)");
  }

  private static void check(
      MessageDigest md, String expected, String where, String layer, String what) {
    if (expected == null || !SHA256.matcher(expected).matches()) {
      return;
    }
    String got = "sha256:" + HexFormat.of().formatHex(md.digest());
    if (!got.equals(expected)) {
      throw ImageLayers.problem(
          where, layer, what + " digest mismatch: expected " + expected + ", got " + got);
    }
  }

  /** {@code blobs/sha256/<hex>} or {@code <hex>.json} -> {@code sha256:<hex>}, else null. */
  static String digestInName(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.endsWith(".json")) {
      base = base.substring(0, base.length() - 5);
    }
    String d = "sha256:" + base;
    return SHA256.matcher(d).matches() ? d : null;
  }

  private static String digestOf(JsonNode descriptor, String where) {
    String d = descriptor.path("digest").asText("");
    if (!SHA256.matcher(d).matches()) {
      throw new ProblemException(
          Problem.of(where, "descriptor digest '" + d + "' is not sha256:<64 hex digits>"));
    }
    return d;
  }

  /** A small OCI blob, read fully and checked against its digest. */
  private static byte[] blob(Path dir, String digest, String what) {
    Path file = dir.resolve("blobs/sha256").resolve(digest.substring(7));
    String where = dir.toString();
    if (!Files.isRegularFile(file)) {
      throw new ProblemException(
          Problem.at(where, what, "missing blob blobs/sha256/" + digest.substring(7)));
    }
    byte[] data = readBounded(file, where, what);
    verify(data, digest, where, what);
    return data;
  }

  private static byte[] member(
      TarFile tar,
      java.util.Map<String, TarArchiveEntry> entries,
      String name,
      String where,
      String what,
      String digest)
      throws IOException {
    TarArchiveEntry e = entries.get(ImageLayers.clean(name, where, what));
    if (e == null || !e.isFile()) {
      throw new ProblemException(Problem.at(where, what, "missing '" + name + "' in the archive"));
    }
    if (e.getSize() > MAX_JSON_BYTES) {
      throw new ProblemException(Problem.at(where, what, "'" + name + "' is too large"));
    }
    byte[] data;
    try (InputStream in = tar.getInputStream(e)) {
      data = in.readAllBytes();
    }
    if (data.length != e.getSize()) {
      throw new ProblemException(Problem.at(where, what, "truncated: '" + name + "'"));
    }
    if (digest != null) {
      verify(data, digest, where, what);
    }
    return data;
  }

  private static void verify(byte[] data, String digest, String where, String what) {
    String got = "sha256:" + HexFormat.of().formatHex(sha256().digest(data));
    if (!got.equals(digest)) {
      throw new ProblemException(
          Problem.at(where, what, "digest mismatch: expected " + digest + ", got " + got));
    }
  }

  private static byte[] readBounded(Path file, String where, String what) {
    try {
      if (Files.size(file) > MAX_JSON_BYTES) {
        throw new ProblemException(Problem.at(where, what, file + " is too large"));
      }
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ProblemException(Problem.at(where, what, "missing " + file.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(byte[] data, String where) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new ProblemException(Problem.of(where, "bad image JSON: " + e.getMessage()));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Keeps the tar reader from closing the stream we still drain for the digests. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
