package io.fleetpatch.inventory.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The enabled repositories of a root filesystem, read from {@code etc/yum.repos.d/*.repo}: INI
 * files whose sections are repo ids. A section is enabled unless its {@code enabled} key is false:
 * dnf.conf(5) "[repo] options: enabled — boolean, include this repository as a package source. The
 * default is True." and yum.conf(5) "enabled: either '1' or '0' ... default 1". Booleans are read
 * as libdnf's OptionBool does (libdnf/conf/OptionBool.cpp: "1", "yes", "true", "on" are true; "0",
 * "no", "false", "off" false, case-insensitive). Keys may be written {@code key=value} or {@code
 * key = value} (amazon-linux-extras writes the latter). The ids are reported as the section names
 * on the host, not mapped to any data-set id.
 */
public final class YumRepos {
  /** dnf's default reposdir, relative to the root (dnf.conf(5) "reposdir"). */
  static final String REPOS_DIR = "etc/yum.repos.d";

  private static final long MAX_REPO_FILE = 1L << 20;

  private YumRepos() {}

  /**
   * The sorted, distinct enabled repo ids of {@code fs}, or empty when it has no {@code
   * etc/yum.repos.d} at all (unknown, not "none").
   */
  public static Optional<List<String>> enabled(RootFilesystem fs) {
    Optional<Path> dir = fs.resolve(REPOS_DIR).filter(Files::isDirectory);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get(), "*.repo")) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    TreeSet<String> out = new TreeSet<>();
    for (String n : names) {
      Optional<Path> file = fs.resolve(REPOS_DIR + "/" + n).filter(Files::isRegularFile);
      if (file.isEmpty()) {
        continue;
      }
      try {
        if (Files.size(file.get()) > MAX_REPO_FILE) {
          continue;
        }
        String text = new String(Files.readAllBytes(file.get()), StandardCharsets.UTF_8);
        parse(text)
            .forEach(
                (id, on) -> {
                  if (on) {
                    out.add(id);
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(List.copyOf(out));
  }

  /**
   * Section name -> enabled, in file order. Comment lines start with '#' or ';' (Python's
   * configparser, which yum used, and libdnf's ConfigParser); lines before the first section and
   * lines that are neither a section nor {@code key=value} are ignored, as is a later section of
   * the same name (first one wins, as dnf warns "repository ... is listed more than once").
   */
  static Map<String, Boolean> parse(String text) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    String section = null;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String id = line.substring(1, line.length() - 1).strip();
        section = id.isEmpty() || out.containsKey(id) ? null : id;
        if (section != null) {
          out.put(section, true);
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (section == null || eq <= 0 || Character.isWhitespace(raw.charAt(0))) {
        continue;
      }
      if (line.substring(0, eq).strip().equalsIgnoreCase("enabled")) {
        String v = line.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
        out.put(
            section, !(v.equals("0") || v.equals("no") || v.equals("false") || v.equals("off")));
      }
    }
    return out;
  }
}
