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

  /** {@link #rules} entry of a finding whose state live patches decided. */
  static final byte MITIGATED = -1;

  private final List<Advisory> advisories;
  private final int[] numbers;
  private final byte[] states;
  private final byte[] rules;
  private final int[] starts;
  private final PackageEvidence[] rows;
  private final List<String>[] covered;

  /**
   * @param advisories every advisory, by number (the index's list, shared)
   * @param numbers per finding, its advisory's number, ascending
   * @param states per finding, its {@link FindingState} ordinal
   * @param rules per finding, the {@link DecisionRule} ordinal of its worst row, or {@link
   *     #MITIGATED}
   * @param starts per finding, where its rows start in {@code rows}; one more entry: the end
   * @param rows the package rows of every finding, in the findings' order
   * @param covered per finding, the CVEs live patches cover (null: none); null when no finding has
   *     any
   */
  FindingList(
      List<Advisory> advisories,
      int[] numbers,
      byte[] states,
      byte[] rules,
      int[] starts,
      PackageEvidence[] rows,
      List<String>[] covered) {
    if (states.length != numbers.length
        || rules.length != numbers.length
        || starts.length != numbers.length + 1
        || starts[numbers.length] != rows.length
        || (covered != null && covered.length != numbers.length)) {
      throw new IllegalArgumentException("finding arrays of different lengths");
    }
    this.advisories = Objects.requireNonNull(advisories, "advisories");
    this.numbers = numbers;
    this.states = states;
    this.rules = rules;
    this.starts = starts;
    this.rows = rows;
    this.covered = covered;
  }

  @Override
  public int size() {
    return numbers.length;
  }

  /** The list that numbers advisories ({@link #number}): the index's, shared by every host. */
  public List<Advisory> numbering() {
    return advisories;
  }

  /** Finding i's advisory's number in {@link #numbering()}. */
  public int number(int i) {
    return numbers[i];
  }

  /** Finding i's advisory, without making the finding. */
  public Advisory advisory(int i) {
    return advisories.get(numbers[i]);
  }

  /** Finding i's state, without making the finding. */
  public FindingState state(int i) {
    return STATES[states[i]];
  }

  @Override
  public Finding get(int i) {
    Objects.checkIndex(i, numbers.length);
    List<String> cves = covered == null || covered[i] == null ? List.of() : covered[i];
    String rule = rules[i] == MITIGATED ? MITIGATED_TEXT : RULES[rules[i]].text();
    return new Finding(
        advisories.get(numbers[i]),
        STATES[states[i]],
        List.of(Arrays.copyOfRange(rows, starts[i], starts[i + 1])),
        cves,
        rule);
  }
}
