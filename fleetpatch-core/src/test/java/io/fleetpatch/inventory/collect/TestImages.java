package io.fleetpatch.inventory.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Hand-made container images for tests: layers built in memory from {@link Layer}s, written as an
 * OCI layout (gzip layers) or a {@code docker save} archive, with hooks to damage them.
 */
public final class TestImages {
  private TestImages() {}

  /** One layer: tar entries in order. */
  public static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    public Layer() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public Layer file(String name, byte[] data) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
      return this;
    }

    public Layer file(String name, String text) throws IOException {
      return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Layer file(String name, Path from) throws IOException {
      return file(name, Files.readAllBytes(from));
    }

    public Layer dir(String name) throws IOException {
      tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
      tar.closeArchiveEntry();
      return this;
    }

    public Layer symlink(String name, String target) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      return this;
    }

    public byte[] bytes() throws IOException {
      tar.finish();
      return bytes.toByteArray();
    }
  }

  /** Mutates a layer's bytes after its digests are computed (null: leave it). */
  public interface Damage {
    byte[] apply(int layerIndex, byte[] blob);
  }

  /**
   * An OCI layout in {@code dir}; {@code digestsAfter} true computes digests over the damaged bytes
   * (so only the tar itself is broken), false over the intact ones (a digest mismatch).
   */
  public static Path oci(Path dir, List<byte[]> tars, Damage damage, boolean digestsAfter)
      throws IOException {
    return oci(dir, tars, damage, digestsAfter, false);
  }

  /** As above; {@code zstd} compresses the layers with zstd instead of gzip. */
  public static Path oci(
      Path dir, List<byte[]> tars, Damage damage, boolean digestsAfter, boolean zstd)
      throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    List<String> layerDescs = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < tars.size(); i++) {
      byte[] tar = tars.get(i);
      diffIds.add("\"sha256:" + sha(tar) + "\"");
      byte[] gz = zstd ? com.github.luben.zstd.Zstd.compress(tar) : gzip(tar);
      byte[] written = damage == null ? gz : damage.apply(i, gz);
      String digest = sha(digestsAfter ? written : gz);
      if (digestsAfter && written != gz) {
        diffIds.set(i, "\"\""); // the uncompressed digest is unknown now
      }
      Files.write(blobs.resolve(digest), written);
      layerDescs.add(
          "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+"
              + (zstd ? "zstd" : "gzip")
              + "\",\"digest\":\"sha256:"
              + digest
              + "\",\"size\":"
              + written.length
              + "}");
    }
    String config = configJson(diffIds);
    String configDigest = writeBlob(blobs, config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":"
            + "\"sha256:"
            + configDigest
            + "\",\"size\":"
            + config.length()
            + "},\"layers\":["
            + String.join(",", layerDescs)
            + "]}";
    String manifestDigest = writeBlob(blobs, manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:"
            + manifestDigest
            + "\",\"size\":"
            + manifest.length()
            + ",\"annotations\":{\"io.containerd.image.name\":\"test/handmade:1\"}}]}");
    return dir;
  }

  /** A {@code docker save} archive of plain-tar layers; {@code damage} as for {@link #oci}. */
  public static Path dockerArchive(Path file, List<byte[]> tars, Damage damage) throws IOException {
    List<String> diffIds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (OutputStream os = Files.newOutputStream(file);
        TarArchiveOutputStream out = new TarArchiveOutputStream(os)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < tars.size(); i++) {
        diffIds.add("\"sha256:" + sha(tars.get(i)) + "\"");
        byte[] written = damage == null ? tars.get(i) : damage.apply(i, tars.get(i));
        String name = "layer" + i + "/layer.tar";
        names.add("\"" + name + "\"");
        put(out, name, written);
      }
      byte[] config = configJson(diffIds).getBytes(StandardCharsets.UTF_8);
      String configName = sha(config) + ".json";
      put(out, configName, config);
      put(
          out,
          "manifest.json",
          ("[{\"Config\":\""
                  + configName
                  + "\",\"RepoTags\":[\"test/handmade:1\"],\"Layers\":["
                  + String.join(",", names)
                  + "]}]")
              .getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static void put(TarArchiveOutputStream out, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    out.putArchiveEntry(e);
    out.write(data);
    out.closeArchiveEntry();
  }

  private static String configJson(List<String> diffIds) {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":["
        + String.join(",", diffIds)
        + "]}}";
  }

  private static String writeBlob(Path blobs, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    String d = sha(b);
    Files.write(blobs.resolve(d), b);
    return d;
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(data);
    }
    return b.toByteArray();
  }

  public static String sha(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
