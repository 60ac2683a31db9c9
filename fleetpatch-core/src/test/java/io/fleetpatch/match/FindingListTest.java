package io.fleetpatch.match;

import static io.fleetpatch.match.MatcherTest.KERNEL;
import static io.fleetpatch.match.MatcherTest.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The matcher's flat findings read exactly as the findings they hold. */
class FindingListTest {
  static Stream<Arguments> hosts() {
    return Stream.of(
        Arguments.of(
            "two kernels, the older running: MISSING, INSTALLED and pending-reboot findings",
            "4.14.305-1.amzn2.x86_64",
            List.of("kernel-4.14.305-1.amzn2.x86_64", "kernel-4.14.320-1.amzn2.x86_64")),
        Arguments.of(
            "a live patch: a finding whose state and rule text live patches decided, with CVEs",
            "4.14.305-1.amzn2.x86_64",
            List.of(
                "kernel-4.14.305-1.amzn2.x86_64",
                "kernel-headers-4.14.305-1.amzn2.x86_64",
                "kernel-livepatch-4.14.305-1-1.0-2.amzn2.x86_64")),
        Arguments.of(
            "one advisory with rows of two names (kernel, kernel-headers)",
            "4.14.320-1.amzn2.x86_64",
            List.of("kernel-4.14.320-1.amzn2.x86_64", "kernel-headers-4.14.320-1.amzn2.x86_64")));
  }

  /** An AL2 host using core and livepatch repos. */
  static HostFindings match(AdvisoryIndex index, String uname, List<String> pkgs) {
    return Matcher.match(
        host(
            "2", uname, List.of("amzn2-core", "amzn2extra-livepatch"), pkgs.toArray(String[]::new)),
        index);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void readsAsTheFindingsItHolds(String why, String uname, List<String> pkgs) {
    AdvisoryIndex index = AdvisoryIndex.of(KERNEL);
    HostFindings h = match(index, uname, pkgs);
    assertThat(h.findings())
        .as(why + ": the host keeps the matcher's list")
        .isInstanceOf(FindingList.class);
    FindingList flat = (FindingList) h.findings();
    assertThat(flat.numbering()).isSameAs(index.advisories());
    for (int i = 0; i < flat.size(); i++) {
      Finding f = flat.get(i);
      assertThat(flat.advisory(i)).as(why).isSameAs(f.advisory());
      assertThat(flat.state(i)).as(why).isEqualTo(f.state());
      assertThat(index.advisories().get(flat.number(i))).as(why).isSameAs(f.advisory());
      assertThat(f.packages()).as(why + ": every finding has its rows").isNotEmpty();
    }
    List<Finding> copy = new ArrayList<>(flat);
    assertThat(flat).as(why + ": equal to the findings as objects").isEqualTo(copy);
    assertThat(copy).isEqualTo(flat);
    assertThat(flat.hashCode()).isEqualTo(copy.hashCode());
    assertThat(FindingCounts.of(copy)).as(why + ": counted as decided").isEqualTo(h.counts());
    assertThatThrownBy(() -> flat.add(copy.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> flat.set(0, copy.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void advisoriesComeInIndexOrderWithEachRowOnce(String why, String uname, List<String> pkgs) {
    AdvisoryIndex index = AdvisoryIndex.of(KERNEL);
    FindingList flat = (FindingList) match(index, uname, pkgs).findings();
    for (int i = 1; i < flat.size(); i++) {
      assertThat(flat.number(i)).as(why).isGreaterThan(flat.number(i - 1));
    }
    for (Finding f : flat) {
      assertThat(f.packages()).as(why).doesNotHaveDuplicates();
      for (PackageEvidence p : f.packages()) {
        assertThat(f.advisory().packages().stream().map(fp -> fp.name()))
            .as(why + ": a row belongs to its advisory")
            .contains(p.name());
      }
    }
  }
}
