package io.fleetpatch.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A metadata-only yum repository laid out as createrepo_c does: {@code repodata/repomd.xml} and
 * {@code repodata/<sha256>-updateinfo.xml.gz} (the updateinfo copied from shared data; repomd's
 * checksum, size, open-checksum and open-size computed from it).
 */
final class LocalRepo {
  private LocalRepo() {}

  /** Builds the repository at {@code root}; returns the repomd.xml path. */
  static Path build(Path root, Path updateinfoGz) throws Exception {
    byte[] gz = Files.readAllBytes(updateinfoGz);
    byte[] xml;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(updateinfoGz))) {
      xml = in.readAllBytes();
    }
    String sha = sha256(gz);
    Path repodata = Files.createDirectories(root.resolve("repodata"));
    String href = "repodata/" + sha + "-updateinfo.xml.gz";
    Files.write(root.resolve(href), gz);
    Path repomd = repodata.resolve("repomd.xml");
    Files.writeString(repomd, repomd(href, sha, gz.length, sha256(xml), xml.length));
    return repomd;
  }

  static String repomd(String href, String sha, long size, String openSha, long openSize) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\""
        + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n"
        + "  <revision>1739500000</revision>\n"
        + "  <data type=\"updateinfo\">\n"
        + "    <checksum type=\"sha256\">"
        + sha
        + "</checksum>\n"
        + "    <open-checksum type=\"sha256\">"
        + openSha
        + "</open-checksum>\n"
        + "    <location href=\""
        + href
        + "\"/>\n"
        + "    <timestamp>1739500000</timestamp>\n"
        + "    <size>"
        + size
        + "</size>\n"
        + "    <open-size>"
        + openSize
        + "</open-size>\n"
        + "  </data>\n"
        + "</repomd>\n";
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
