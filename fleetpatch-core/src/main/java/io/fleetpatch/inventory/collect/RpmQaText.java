package io.fleetpatch.inventory.collect;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads {@code rpm -qa} output: one package per line, in one of these layouts, chosen per line by
 * its number of tab-separated columns (docs/inventory-v1.md, "rpm -qa text"):
 *
 * <table>
 *   <caption>accepted layouts</caption>
 *   <tr><th>columns</th><th>layout</th><th>made by</th></tr>
 *   <tr><td>1</td><td>{@code name-[epoch:]version-release.arch}</td>
 *       <td>plain {@code rpm -qa} (no epoch); {@code fleetpatch inventory --format nevra}</td></tr>
 *   <tr><td>2</td><td>NAME, [EPOCH:]VERSION-RELEASE</td>
 *       <td>{@code --qf '%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\n'}</td></tr>
 *   <tr><td>3</td><td>NAME, [EPOCH:]VERSION-RELEASE, ARCH (or SIZE when all digits)</td>
 *       <td>{@code --qf '%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\t%{ARCH}\n'}; snyk's
 *       {@code amazonlinux2_plain} ({@code ...\t%{SIZE}})</td></tr>
 *   <tr><td>4</td><td>MODULARITYLABEL, NAME, [EPOCH:]VERSION-RELEASE, SIZE (when the first column
 *       is {@code (none)} or a {@code name:stream:version:context} label; the label is dropped) or
 *       NAME, [EPOCH:]VERSION-RELEASE, ARCH, SIZE</td><td>snyk's {@code modules}</td></tr>
 *   <tr><td>5</td><td>NAME, EPOCH, VERSION, RELEASE, ARCH</td>
 *       <td>{@code --qf '%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n'}</td></tr>
 * </table>
 *
 * <p>An epoch written {@code (none)} (rpm's text for a missing tag) or left out means "no Epoch
 * tag". Layouts without an arch column get the {@code defaultArch} given to the reader (the command
 * line's {@code --arch}, x86_64 unless told): the text does not say, and a wrong guess only matters
 * for noarch and multilib packages. An arch printed as {@code (none)}, and a one-column line
 * without an arch ({@code gpg-pubkey-c87f5b1a-593863f8}: rpm's NEVRA leaves the arch out when the
 * header has none), becomes {@code noarch}, as libsolv does for headers without an arch (libsolv
 * ext/repo_rpmdb.c {@code rpmhead2solv}: {@code if (!s->arch) s->arch = ARCH_NOARCH}). Blank lines
 * are skipped; any other line that fits no layout stops the read with a {@link Problem} quoting it
 * and its line number.
 */
public final class RpmQaText {
  /** rpm's text for a tag the header does not have (lib/formats.c, {@code "(none)"}). */
  static final String NONE = "(none)";

  private final Arch defaultArch;

  public RpmQaText(Arch defaultArch) {
    this.defaultArch = Objects.requireNonNull(defaultArch, "defaultArch");
  }

  /** Parses the whole text; {@code source} names it in problems. */
  public List<InstalledPackage> parse(String text, String source) {
    List<InstalledPackage> out = new ArrayList<>();
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNo++;
      String line = text.substring(start, end);
      start = end + 1;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(InstalledPackage.of(line(line)));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(
            Problem.at(
                source,
                "line " + lineNo,
                "not an rpm -qa line (" + e.getMessage() + "): '" + quote(line) + "'"));
      }
    }
    return out;
  }

  /** One line in any layout. */
  Nevra line(String line) {
    String[] c = line.split("\t", -1);
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i].strip();
    }
    return switch (c.length) {
      case 1 -> nevra(c[0]);
      case 2 -> Nevra.of(c[0], evr(c[1]), defaultArch);
      case 3 -> Nevra.of(c[0], evr(c[1]), allDigits(c[2]) ? defaultArch : arch(c[2]));
      case 4 ->
          isModularityLabel(c[0])
              ? Nevra.of(c[1], evr(c[2]), defaultArch)
              : Nevra.of(c[0], evr(c[1]), arch(c[2]));
      case 5 -> Nevra.of(c[0], new Evr(epoch(c[1]), c[2], c[3]), arch(c[4]));
      default ->
          throw new IllegalArgumentException(c.length + " tab-separated columns; expected 1 to 5");
    };
  }

  private static Nevra nevra(String s) {
    if (s.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("spaces in a one-column line");
    }
    if (s.endsWith("." + NONE)) {
      return nevra(s.substring(0, s.length() - NONE.length()) + "noarch");
    }
    int dash = s.lastIndexOf('-');
    if (dash > 0 && s.indexOf('.', dash) < 0) {
      // name-version-release with no arch: rpm leaves ".arch" out when the header has none
      return Nevra.parse(s + ".noarch");
    }
    // name-(none):version-release.arch, as '%{NAME}-%{EPOCH}:%{VERSION}...' prints it
    return Nevra.parse(s.replace("-" + NONE + ":", "-"));
  }

  /** {@code [EPOCH:]VERSION-RELEASE}, where EPOCH may be {@code (none)}. */
  private static Evr evr(String s) {
    if (s.startsWith(NONE + ":")) {
      return Evr.parse(s.substring(NONE.length() + 1));
    }
    return Evr.parse(s);
  }

  private static Arch arch(String s) {
    return s.equals(NONE) ? Arch.NOARCH : Arch.parse(s);
  }

  /** {@code (none)} or {@code name:stream:version:context} (a package name has no ':'). */
  private static boolean isModularityLabel(String s) {
    return s.equals(NONE) || s.indexOf(':') >= 0;
  }

  private static Long epoch(String s) {
    if (s.isEmpty() || s.equals(NONE)) {
      return null;
    }
    if (!allDigits(s) || s.length() > 10) {
      throw new IllegalArgumentException("bad epoch '" + s + "'");
    }
    return Long.parseLong(s);
  }

  private static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String quote(String line) {
    String s = line.length() > 200 ? line.substring(0, 200) + "..." : line;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\t') {
        b.append("\\t");
      } else if (ch < ' ' || ch == 0x7f) {
        b.append(String.format("\\x%02x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
