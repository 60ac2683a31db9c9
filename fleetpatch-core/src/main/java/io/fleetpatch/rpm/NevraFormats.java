package io.fleetpatch.rpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a package's identity from the notations hosts and feeds write it in. Every method either
 * returns a package or throws {@link IllegalArgumentException} whose message quotes the rejected
 * text; callers turn that into a {@code Problem} with the file and line.
 *
 * <ul>
 *   <li>{@link #parseRpmQa}: a line of plain {@code rpm -qa} output;
 *   <li>{@link #parseTabSeparated}: a line of {@code rpm -qa --qf} output with tab-separated NAME,
 *       EPOCH, VERSION, RELEASE and ARCH columns (in any order, see {@link Columns});
 *   <li>{@link #fromFields}: the separate name/epoch/version/release/arch strings of an updateinfo
 *       {@code <package>} element or an inventory document;
 *   <li>{@link Nevra#parse} and {@link Nevra#parseFilename}: {@code name-[e:]v-r.arch} and rpm file
 *       names.
 * </ul>
 *
 * <p>Host listings contain {@code gpg-pubkey} entries: rpm's pseudo-packages for imported signing
 * keys ({@code lib/rpmts.c}, {@code makePubkeyHeader}), which have no arch and are not packages
 * (dnf ignores them). The host-listing readers return them as {@link Optional#empty()}.
 */
public final class NevraFormats {
  /** The name rpm gives imported-key pseudo-packages. */
  public static final String PUBKEY_NAME = "gpg-pubkey";

  /** What rpm prints for a tag a header lacks, e.g. {@code %{EPOCH}} without an Epoch. */
  static final String NONE = "(none)";

  private NevraFormats() {}

  /**
   * Reads one line of plain {@code rpm -qa} output. rpm 4.18 prints {@code %{nvr}%{archsuffix}}
   * ({@code macros.in}, {@code %_query_all_fmt}): {@code name-version-release.arch}, no epoch, and
   * no arch suffix for the arch-less {@code gpg-pubkey} entries. A {@code %{nevra}} line ({@code
   * name-epoch:version-release.arch}, what {@code rpm -qa --qf '%{nevra}\n'} and dnf print) is
   * accepted too. Surrounding whitespace is ignored.
   *
   * <p>The suffix after the last '.' must be an arch rpm knows ({@link Arch#isKnown()}): old rpm
   * (4.4, RHEL 5) printed {@code name-version-release} only, and {@code 1.el5} would otherwise pass
   * for a package of arch "el5".
   *
   * @return the package (its epoch absent unless the line gives one: plain {@code rpm -qa} output
   *     does not show epochs), or empty for a {@code gpg-pubkey} entry
   * @throws IllegalArgumentException quoting the line when it is not such a line
   */
  public static Optional<Nevra> parseRpmQa(String line) {
    Objects.requireNonNull(line, "line");
    String s = line.strip();
    if (isPubkeyNvr(s)) {
      return Optional.empty();
    }
    Nevra n = Nevra.parse(s);
    if (!n.arch().isKnown()) {
      throw new IllegalArgumentException(
          "not an rpm -qa line (name-version-release.arch): "
              + Quote.of(s)
              + " ends in "
              + Quote.of(n.arch().name())
              + ", which is not an rpm arch (output of an rpm that prints no arch? use --qf)");
    }
    return Optional.of(n);
  }

  /** {@code gpg-pubkey-KEYID-TIMESTAMP}, as {@code %{nvr}%{archsuffix}} prints a key. */
  private static boolean isPubkeyNvr(String s) {
    if (!s.startsWith(PUBKEY_NAME + "-")) {
      return false;
    }
    String rest = s.substring(PUBKEY_NAME.length() + 1);
    int dash = rest.indexOf('-');
    return dash > 0
        && dash == rest.lastIndexOf('-')
        && dash < rest.length() - 1
        && isHex(rest, 0, dash)
        && isHex(rest, dash + 1, rest.length());
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the NEVRA columns are in a tab-separated listing. {@link #DEFAULT} is the layout of
   * {@code rpm -qa --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n'}; {@link
   * #fromHeader} finds the columns by their names in a header line. Columns are 0-based; other
   * columns are ignored.
   */
  public record Columns(int name, int epoch, int version, int release, int arch) {
    public static final Columns DEFAULT = new Columns(0, 1, 2, 3, 4);

    public Columns {
      int[] all = {name, epoch, version, release, arch};
      for (int i = 0; i < all.length; i++) {
        if (all[i] < 0) {
          throw new IllegalArgumentException("negative column " + all[i]);
        }
        for (int j = 0; j < i; j++) {
          if (all[i] == all[j]) {
            throw new IllegalArgumentException("column " + all[i] + " used twice");
          }
        }
      }
    }

    /**
     * Finds the columns in a tab-separated header line naming them {@code name}, {@code epoch} (or
     * {@code epochnum}), {@code version}, {@code release} and {@code arch}, in any case, bare or as
     * {@code %{NAME}}.
     *
     * @throws IllegalArgumentException quoting the header when a column is missing or repeated
     */
    public static Columns fromHeader(String header) {
      Objects.requireNonNull(header, "header");
      String[] want = {"name", "epoch", "version", "release", "arch"};
      int[] at = {-1, -1, -1, -1, -1};
      List<String> cells = splitTabs(header.strip());
      for (int c = 0; c < cells.size(); c++) {
        String h = cells.get(c).strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("%{") && h.endsWith("}")) {
          h = h.substring(2, h.length() - 1);
        }
        if (h.equals("epochnum")) {
          h = "epoch";
        }
        for (int k = 0; k < want.length; k++) {
          if (h.equals(want[k])) {
            if (at[k] >= 0) {
              throw new IllegalArgumentException(
                  "column '" + want[k] + "' twice in header " + Quote.of(header));
            }
            at[k] = c;
          }
        }
      }
      for (int k = 0; k < want.length; k++) {
        if (at[k] < 0) {
          throw new IllegalArgumentException(
              "no '" + want[k] + "' column in header " + Quote.of(header));
        }
      }
      return new Columns(at[0], at[1], at[2], at[3], at[4]);
    }

    int width() {
      return Math.max(Math.max(Math.max(name, epoch), Math.max(version, release)), arch) + 1;
    }
  }

  /**
   * Reads one line of tab-separated {@code rpm -qa --qf} output. The epoch column may be a number,
   * {@code (none)} (what {@code %{EPOCH}} prints for a package without an Epoch tag) or empty; the
   * arch column is {@code (none)} or empty only for {@code gpg-pubkey} entries. A trailing carriage
   * return or newline is ignored; other whitespace is part of the cells (and then rejected).
   *
   * @return the package, or empty for a {@code gpg-pubkey} entry
   * @throws IllegalArgumentException quoting the line when a column is missing or malformed
   */
  public static Optional<Nevra> parseTabSeparated(String line, Columns columns) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(columns, "columns");
    String s = stripLineEnd(line);
    List<String> cells = splitTabs(s);
    if (cells.size() < columns.width()) {
      throw new IllegalArgumentException(
          "expected at least "
              + columns.width()
              + " tab-separated columns, got "
              + cells.size()
              + ": "
              + Quote.of(s));
    }
    String name = cells.get(columns.name());
    String arch = cells.get(columns.arch());
    if (name.equals(PUBKEY_NAME) && (arch.isEmpty() || arch.equals(NONE))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          fromFields(
              name,
              cells.get(columns.epoch()),
              cells.get(columns.version()),
              cells.get(columns.release()),
              arch));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad package line " + Quote.of(s) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds a package from separate fields, as updateinfo's {@code <package name="" epoch=""
   * version="" release="" arch="">} gives them. The epoch may be absent ({@code null}), empty or
   * {@code (none)} (then the package has no epoch), or a decimal number such as {@code "0"}
   * (explicit, compares equal to absent: updateinfo writes {@code epoch="0"} for packages without
   * an Epoch tag).
   *
   * @throws IllegalArgumentException quoting the offending field
   */
  public static Nevra fromFields(
      String name, String epoch, String version, String release, String arch) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("missing package name");
    }
    if (version == null || version.isEmpty()) {
      throw new IllegalArgumentException("missing version of " + Quote.of(name));
    }
    if (release == null || release.isEmpty()) {
      throw new IllegalArgumentException("missing release of " + Quote.of(name));
    }
    if (arch == null || arch.isEmpty() || arch.equals(NONE)) {
      throw new IllegalArgumentException("missing arch of " + Quote.of(name));
    }
    return new Nevra(name, new Evr(parseEpoch(epoch), version, release), Arch.parse(arch));
  }

  /**
   * An epoch field: null, empty or {@code (none)} is no epoch; otherwise 1 to 18 decimal digits
   * (leading zeros allowed).
   *
   * @throws IllegalArgumentException quoting the field
   */
  public static Long parseEpoch(String epoch) {
    if (epoch == null || epoch.isEmpty() || epoch.equals(NONE)) {
      return null;
    }
    int z = 0;
    for (int i = 0; i < epoch.length(); i++) {
      if (!RpmVersions.isDigit(epoch.charAt(i))) {
        throw new IllegalArgumentException("epoch is not a number: " + Quote.of(epoch));
      }
    }
    while (z < epoch.length() - 1 && epoch.charAt(z) == '0') {
      z++;
    }
    if (epoch.length() - z > Evr.MAX_EPOCH_DIGITS) {
      throw new IllegalArgumentException("epoch too large: " + Quote.of(epoch));
    }
    return Long.parseLong(epoch, z, epoch.length(), 10);
  }

  private static String stripLineEnd(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static List<String> splitTabs(String s) {
    List<String> cells = new ArrayList<>();
    int from = 0;
    for (int tab; (tab = s.indexOf('\t', from)) >= 0; from = tab + 1) {
      cells.add(s.substring(from, tab));
    }
    cells.add(s.substring(from));
    return cells;
  }
}
