package io.fleetpatch.match;

import io.fleetpatch.advisory.Advisory;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One host's findings as the matcher decides them, held flat: per finding the advisory's number,
 * state and rule, and its package rows as a slice of one array. A {@link Finding} is made when it
 * is read ({@link #get}); fleet-wide consumers that need only the advisory and state ({@link
 * #advisory}, {@link #state}) read the arrays and make none. Immutable, so {@link HostFindings}
 * keeps it as it is.
 *
 * <p>Why: a fleet scan decides about 380 findings per host; as objects (a finding, its row list)
 * they were half of the matcher's allocation and of its time on the 100,000-host benchmark.
 */
public final class FindingList extends AbstractList<Finding> implements RandomAccess {
  /** Rule text of a finding mitigated by live patches (in place of its worst row's rule). */
  static final String MITIGATED_TEXT =
      "kernel fix missing, but a live patch for the running kernel fixes every CVE of it";

  private static final FindingState[] STATES = FindingState.values();
  private static final DecisionRule[] RULES = DecisionRule.values();

  /** Rule of a finding whose state live patches decided (in place of a {@link DecisionRule}). */
  static final byte MITIGATED = -1;

  private final List<Advisory> advisories;

  /** Per finding: {@link #code}. */
  private final int[] codes;

  private final int[] starts;
  private final PackageEvidence[] rows;
  private final List<String>[] covered;

  /**
   * @param advisories every advisory, by number (the index's list, shared)
   * @param codes per finding, its advisory's number, state and rule ({@link #code}), by number
   * @param starts per finding, where its rows start in {@code rows}; one more entry: the end
   * @param rows the package rows of every finding, in the findings' order
   * @param covered per finding, the CVEs live patches cover (null: none); null when no finding has
   *     any
   */
  FindingList(
      List<Advisory> advisories,
      int[] codes,
      int[] starts,
      PackageEvidence[] rows,
      List<String>[] covered) {
    if (starts.length != codes.length + 1
        || starts[codes.length] != rows.length
        || (covered != null && covered.length != codes.length)) {
      throw new IllegalArgumentException("finding arrays of different lengths");
    }
    this.advisories = Objects.requireNonNull(advisories, "advisories");
    this.codes = codes;
    this.starts = starts;
    this.rows = rows;
    this.covered = covered;
  }

  /**
   * One finding in one int: its advisory's number (below 2^15), its {@link FindingState} ordinal
   * and its worst row's {@link DecisionRule} ordinal (or {@link #MITIGATED}), a byte each.
   */
  static int code(int number, byte state, byte rule) {
    return number << 16 | (state & 0xff) << 8 | (rule & 0xff);
  }

  @Override
  public int size() {
    return codes.length;
  }

  /** The list that numbers advisories ({@link #number}): the index's, shared by every host. */
  public List<Advisory> numbering() {
    return advisories;
  }

  /** Finding i's advisory's number in {@link #numbering()}. */
  public int number(int i) {
    return codes[i] >>> 16;
  }

  /** Finding i's advisory, without making the finding. */
  public Advisory advisory(int i) {
    return advisories.get(codes[i] >>> 16);
  }

  /** Finding i's state's ordinal, without making the finding. */
  public int stateOrdinal(int i) {
    return (codes[i] >>> 8) & 0xff;
  }

  /** Finding i's state, without making the finding. */
  public FindingState state(int i) {
    return STATES[(codes[i] >>> 8) & 0xff];
  }

  @Override
  public Finding get(int i) {
    Objects.checkIndex(i, codes.length);
    List<String> cves = covered == null || covered[i] == null ? List.of() : covered[i];
    byte rule = (byte) codes[i];
    return new Finding(
        advisory(i),
        state(i),
        List.of(Arrays.copyOfRange(rows, starts[i], starts[i + 1])),
        cves,
        rule == MITIGATED ? MITIGATED_TEXT : RULES[rule].text());
  }
}
