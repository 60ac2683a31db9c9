package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One thread's scratch for one host at a time: the package rows its installed names contribute
 * ({@link NameVerdict#addTo}), merged into its findings ({@link #findings}), then cleared for the
 * next host. Flat arrays, reused host to host, so a host allocates only its result.
 *
 * <p>Rows are merged by a counting sort on the advisory number: adding a row counts it for its
 * advisory and keeps the advisory's most exposed row; merging places every row at its advisory's
 * next slot. Independent array writes, no chains to follow, and stable: an advisory's rows keep the
 * order they were added in (by package name, then arch).
 */
final class HostRows implements NameVerdict.Target {
  /** {@link FindingState#exposureRank()} by ordinal. */
  private static final int[] EXPOSURE_RANK =
      Arrays.stream(FindingState.values()).mapToInt(FindingState::exposureRank).toArray();

  private static final FindingState[] STATES = FindingState.values();
  private static final byte MISSING = (byte) FindingState.MISSING.ordinal();

  /** Per advisory number: rows added; the first row with the lowest exposure rank; next slot. */
  private final int[] size;

  private final int[] worst;
  private final int[] slot;

  /** Advisory numbers with rows, as bits (read in order, so no sort is needed). */
  private final long[] touched;

  private int count;

  /** Per row: its advisory, evidence, state and rule. */
  private int n;

  private int[] advisory = new int[4096];
  private PackageEvidence[] rows = new PackageEvidence[4096];
  private byte[] states = new byte[4096];
  private byte[] rules = new byte[4096];

  /**
   * Per installed package of the host: its name's rows, its build, what the matcher knows of the
   * build, and the order by name.
   */
  AdvisoryIndex.NameRows[] names = new AdvisoryIndex.NameRows[1024];

  Nevra[] builds = new Nevra[1024];
  KnownBuilds.Entry[] entries = new KnownBuilds.Entry[1024];
  long[] order = new long[1024];

  HostRows(int advisories) {
    size = new int[advisories];
    worst = new int[advisories];
    slot = new int[advisories];
    touched = new long[(advisories + 63) >>> 6];
  }

  /** Makes room for a host's packages in the per-package arrays. */
  void fit(int packages) {
    if (packages > names.length) {
      int grown = Math.max(packages, names.length * 2);
      names = new AdvisoryIndex.NameRows[grown];
      builds = new Nevra[grown];
      entries = new KnownBuilds.Entry[grown];
      order = new long[grown];
    }
  }

  /** Adds a row of one advisory. */
  @Override
  public void add(int a, PackageEvidence ev, byte state, byte rule) {
    if (n == rows.length) {
      advisory = Arrays.copyOf(advisory, n * 2);
      rows = Arrays.copyOf(rows, n * 2);
      states = Arrays.copyOf(states, n * 2);
      rules = Arrays.copyOf(rules, n * 2);
    }
    int i = n++;
    advisory[i] = a;
    rows[i] = ev;
    states[i] = state;
    rules[i] = rule;
    if (size[a]++ == 0) {
      touched[a >>> 6] |= 1L << a;
      count++;
      worst[a] = i;
    } else if (EXPOSURE_RANK[state] < EXPOSURE_RANK[states[worst[a]]]) {
      worst[a] = i;
    }
  }

  /**
   * The findings of the rows added, by advisory number: per advisory its rows in the order added,
   * its state and rule those of its first row with the lowest exposure rank; live patches may then
   * mitigate kernel findings ({@code mitigated}: the CVEs they fix). Counts the findings per state
   * into {@code byState} and the MISSING rows into {@code missingRows[0]}.
   */
  FindingList findings(
      List<Advisory> advisories, Set<String> mitigated, int[] byState, int[] missingRows) {
    // advisory numbers in order, then each replaced by its finding's code
    int[] codes = new int[count];
    for (int w = 0, k = 0; k < count; w++) {
      for (long bits = touched[w]; bits != 0; bits &= bits - 1) {
        codes[k++] = (w << 6) | Long.numberOfTrailingZeros(bits);
      }
    }
    int[] starts = new int[count + 1];
    int r = 0;
    for (int k = 0; k < count; k++) {
      starts[k] = r;
      slot[codes[k]] = r;
      r += size[codes[k]];
    }
    starts[count] = r;
    PackageEvidence[] out = new PackageEvidence[n];
    int missing = 0;
    for (int i = 0; i < n; i++) {
      out[slot[advisory[i]]++] = rows[i];
      if (states[i] == MISSING) {
        missing++;
      }
    }
    List<String>[] covered = null;
    for (int k = 0; k < count; k++) {
      int a = codes[k];
      int w = worst[a];
      byte st = states[w];
      byte ru = rules[w];
      if (!mitigated.isEmpty() && STATES[st].exposed()) {
        List<String> cv = coveredCves(advisories.get(a), out, starts[k], starts[k + 1], mitigated);
        if (cv != null) {
          if (covered == null) {
            @SuppressWarnings("unchecked")
            List<String>[] made = new List[count];
            covered = made;
          }
          covered[k] = cv;
          if (cv.size() == advisories.get(a).cves().size()) {
            st = (byte) FindingState.MITIGATED_BY_LIVEPATCH.ordinal();
            ru = FindingList.MITIGATED;
          }
        }
      }
      byState[st]++;
      codes[k] = FindingList.code(a, st, ru);
    }
    missingRows[0] = missing;
    return new FindingList(advisories, codes, starts, out, covered);
  }

  /**
   * The CVEs of an exposed advisory that live patches cover, when its only exposed rows ({@code
   * rows[from..to)}) are kernel packages; null when that is not so or none is covered.
   */
  private static List<String> coveredCves(
      Advisory adv, PackageEvidence[] rows, int from, int to, Set<String> mitigated) {
    for (int i = from; i < to; i++) {
      if (rows[i].state().exposed() && !KernelPackages.isFamily(rows[i].name())) {
        return null;
      }
    }
    List<String> cv = new ArrayList<>();
    for (String cve : adv.cves()) {
      if (mitigated.contains(cve)) {
        cv.add(cve);
      }
    }
    return cv.isEmpty() ? null : List.copyOf(cv);
  }

  /** Forgets the host: ready for the next. */
  void clear() {
    for (int i = 0; i < n; i++) {
      size[advisory[i]] = 0;
    }
    Arrays.fill(touched, 0);
    Arrays.fill(rows, 0, n, null);
    count = 0;
    n = 0;
  }
}
