package io.fleetpatch.lifecycle;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The binary packages of an AL2023 release, read from the "All packages" table of AWS's release
 * notes ({@code Release-Notes-Amazon-Linux-2023.1.20230809.md}, section "All packages": columns RPM
 * Package | Architecture | Source RPM | Version; cells are Markdown-escaped, {@code abseil\-cpp}).
 */
public final class Al2023Packages {
  private final String release;
  private final Map<String, String> versionByName;
  private final int rows;

  private Al2023Packages(String release, Map<String, String> versionByName, int rows) {
    this.release = release;
    this.versionByName = versionByName;
    this.rows = rows;
  }

  public static Al2023Packages read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * @throws ProblemException when the file has no "All packages" table
   */
  public static Al2023Packages parse(String text, String source) {
    String release = "";
    Map<String, String> versions = new HashMap<>();
    int rows = 0;
    boolean inSection = false;
    boolean inTable = false;
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      int n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        n++;
        if (line.startsWith("# Amazon Linux 2023 RPM packages as of the ") && release.isEmpty()) {
          release = unescape(line.substring(line.indexOf("as of the ") + 10)).split(" ")[0];
        }
        if (line.startsWith("#")) {
          if (inTable) {
            break;
          }
          inSection = line.startsWith("## All packages");
          continue;
        }
        if (!inSection || !line.startsWith("|")) {
          continue;
        }
        String[] cells = line.split("\\|", -1);
        if (!inTable && (cells.length < 6 || !cells[1].strip().equals("RPM Package"))) {
          continue;
        }
        if (cells.length < 6) {
          throw new ProblemException(
              Problem.at(source, "line " + n, "expected 4 table cells: '" + line + "'"));
        }
        String name = unescape(cells[1].strip());
        if (name.equals("RPM Package")) {
          inTable = true;
          continue;
        }
        if (!inTable || name.startsWith("---")) {
          continue;
        }
        versions.putIfAbsent(name, unescape(cells[4].strip()));
        rows++;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (rows == 0) {
      throw new ProblemException(
          Problem.of(source, "no 'All packages' table (RPM Package | Architecture | ...) found"));
    }
    return new Al2023Packages(release, Map.copyOf(versions), rows);
  }

  private static String unescape(String s) {
    return s.replace("\\", "");
  }

  /** The release the list is for, e.g. {@code 2023.1.20230809}. */
  public String release() {
    return release;
  }

  /** The number of binary RPM rows (one per name and arch). */
  public int rows() {
    return rows;
  }

  /** Distinct package names. */
  public int names() {
    return versionByName.size();
  }

  /** The AL2023 version-release of a package name, if AL2023 ships it. */
  public Optional<String> version(String name) {
    return Optional.ofNullable(versionByName.get(name));
  }

  /** {@link #version}, or null (for per-package loops over whole fleets). */
  public String versionOrNull(String name) {
    return versionByName.get(name);
  }
}
