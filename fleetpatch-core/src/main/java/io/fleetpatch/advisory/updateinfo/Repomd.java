package io.fleetpatch.advisory.updateinfo;

import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.xml.SafeXmlReader;
import io.fleetpatch.xml.XmlLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's {@code repodata/repomd.xml}: its revision and the metadata files it lists
 * (createrepo_c {@code src/repomd.c}, {@code <repomd><revision><data type><checksum type>
 * <open-checksum type><location href><timestamp><size><open-size>}).
 */
public record Repomd(String revision, List<RepoDataFile> files) {
  public Repomd {
    files = List.copyOf(files);
  }

  /** The {@code type="updateinfo"} entry, if the repository has one. */
  public Optional<RepoDataFile> updateinfo() {
    return files.stream().filter(f -> f.type().equals("updateinfo")).findFirst();
  }

  /** Reads a repomd.xml (any compression). */
  public static Repomd read(Path file) {
    return read(file, XmlLimits.DEFAULT);
  }

  public static Repomd read(Path file, XmlLimits limits) {
    try (SafeXmlReader xml = SafeXmlReader.open(file, limits)) {
      String root = xml.root();
      if (!root.equals("repomd")) {
        throw xml.fail("not a repomd.xml: the root element is <" + root + ">, not <repomd>");
      }
      String revision = "";
      List<RepoDataFile> files = new ArrayList<>();
      while (xml.nextChild(1)) {
        switch (xml.name()) {
          case "revision" -> revision = xml.text().trim();
          case "data" -> files.add(data(xml));
          default -> {
            // tags
          }
        }
      }
      xml.finish();
      return new Repomd(revision, files);
    }
  }

  private static RepoDataFile data(SafeXmlReader xml) {
    String type = xml.attr("type");
    if (type == null || type.isBlank()) {
      throw xml.fail("<data> without a type");
    }
    String where = xml.where();
    String href = null;
    String checksumType = "";
    String checksum = "";
    String openType = "";
    String open = "";
    long size = -1;
    long openSize = -1;
    long timestamp = -1;
    while (xml.nextChild(2)) {
      switch (xml.name()) {
        case "location" -> href = xml.attr("href");
        case "checksum" -> {
          checksumType = nz(xml.attr("type"));
          checksum = xml.text().trim();
        }
        case "open-checksum" -> {
          openType = nz(xml.attr("type"));
          open = xml.text().trim();
        }
        case "size" -> size = number(xml, "size");
        case "open-size" -> openSize = number(xml, "open-size");
        case "timestamp" -> timestamp = number(xml, "timestamp");
        default -> {
          // database_version, header-checksum, header-size
        }
      }
    }
    if (href == null || href.isBlank()) {
      throw new ProblemException(
          io.fleetpatch.problem.Problem.at(
              xml.source(), where, "<data type=\"" + type + "\"> without a <location href>"));
    }
    return new RepoDataFile(
        type, href.trim(), checksumType, checksum, openType, open, size, openSize, timestamp);
  }

  private static long number(SafeXmlReader xml, String what) {
    String t = xml.text().trim();
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw xml.fail("<" + what + "> '" + t + "' is not a number");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
