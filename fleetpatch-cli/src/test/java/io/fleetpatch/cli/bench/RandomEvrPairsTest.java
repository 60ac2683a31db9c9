package io.fleetpatch.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.rpm.Evr;
import io.fleetpatch.rpm.RpmVersions;
import io.fleetpatch.testing.RpmOracle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The big agreement check: {@link RpmVersions#compare} against real librpm ({@code vercmp-oracle},
 * default backend) on 1,000,000 seeded random pairs, all sent in one oracle call.
 */
class RandomEvrPairsTest {
  static final long SEED = 20_241_122L;
  static final int PAIRS = 1_000_000;

  @Test
  void millionRandomPairsAgreeWithLibrpm() {
    RpmOracle.require();
    List<String[]> pairs = RandomEvrPairs.generate(SEED, PAIRS);
    List<String> lines = new ArrayList<>(PAIRS);
    for (String[] p : pairs) {
      lines.add(p[0] + " " + p[1]);
    }
    List<String> librpm = RpmOracle.vercmp(lines);
    List<String> differing = new ArrayList<>();
    int disagreements = 0;
    int[] counts = new int[3];
    for (int i = 0; i < PAIRS; i++) {
      int ours = RpmVersions.compare(Evr.parse(pairs.get(i)[0]), Evr.parse(pairs.get(i)[1]));
      int fromText = RpmVersions.compare(pairs.get(i)[0], pairs.get(i)[1]);
      counts[ours + 1]++;
      if (!librpm.get(i).equals(Integer.toString(ours)) || fromText != ours) {
        disagreements++;
        if (differing.size() < 20) {
          differing.add(
              lines.get(i)
                  + ": ours "
                  + ours
                  + " (from text "
                  + fromText
                  + "), librpm "
                  + librpm.get(i));
        }
      }
    }
    assertThat(differing)
        .as("%d disagreements among %d pairs; the first 20", disagreements, PAIRS)
        .isEmpty();
    // the pairs must be worth it: all three answers, in bulk
    for (int c : counts) {
      assertThat(c).isGreaterThan(PAIRS / 10);
    }
  }

  @Test
  void sameSeedSamePairs() {
    List<String[]> a = RandomEvrPairs.generate(5, 1000);
    List<String[]> b = RandomEvrPairs.generate(5, 1000);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).containsExactly(b.get(i));
    }
    assertThat(RandomEvrPairs.generate(6, 1).get(0)).isNotEqualTo(a.get(0));
  }

  @Test
  void pairsAreRichInWhatRpmTreatsSpecially() {
    String all =
        String.join(
            " ",
            RandomEvrPairs.generate(9, 10_000).stream()
                .flatMap(p -> java.util.Arrays.stream(p))
                .toList());
    for (String s : new String[] {"~", "^", "_", "+", ".", "-", ":", "00", "A", "z"}) {
      assertThat(all).as(s).contains(s);
    }
    for (String[] p : RandomEvrPairs.generate(9, 10_000)) {
      Evr.parse(p[0]);
      Evr.parse(p[1]);
    }
  }
}
