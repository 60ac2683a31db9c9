package io.fleetpatch.advisory.oval;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.rpm.Nevra;
import io.fleetpatch.testing.SharedData;
import io.fleetpatch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The flattened Alibaba Cloud Linux 4 OVAL against real OpenSCAP ({@code oscap oval eval}) on
 * simulated hosts built by the oracle's mkhost: a definition is true for oscap exactly when one of
 * our fixed packages is installed at an older EVR, except where the published EVR is corrupted and
 * we repair it (then oscap, comparing {@code 6.6.88} with {@code tools-libs-6.6.102}, never flags
 * the package, because rpmvercmp sorts a number above letters).
 */
class OvalOscapTest {
  private static final Path OVAL = SharedData.data("alinux-oval/happy/alinux-4.oval.xml");
  private static final Pattern RESULT =
      Pattern.compile("Definition oval:com\\.aliyun:def:(\\d{4})(\\d{4}): (\\w+)");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # host packages                                                     | release | oscap 2025:0143 | ours | oscap 2026:0104 | ours  | why
          haproxy-3.0.4-1.alnx4.x86_64 kernel-debug-6.6.88-1.alnx4.x86_64       | 4 | true  | true  | true  | true  | older builds: both say affected
          haproxy-3.0.5-2.alnx4.x86_64 kernel-6.6.102-5.3.1.alnx4.x86_64         | 4 | false | false | false | false | the fixed builds: neither does
          haproxy-3.0.5-2.alnx4.x86_64 python3-perf-6.6.88-1.alnx4.x86_64        | 4 | false | false | false | true  | python3-perf's state is the corrupted 0:tools-libs-6.6.102-...: oscap never flags it, the repaired EVR does
          haproxy-3.0.4-1.alnx4.x86_64                                           | 3 | false | true  | false | false | an Alibaba Cloud Linux 3 host: oscap's platform test is false; ours leaves that to the source release (alinux4)
          """)
  void agreesWithOscap(
      String packages,
      String release,
      boolean oscapOld,
      boolean oursOld,
      boolean oscapKernel,
      boolean oursKernel,
      String why,
      @TempDir Path work)
      throws IOException, InterruptedException {
    Tools.require("oscap", "rpmbuild", "rpm");
    List<Nevra> host = Arrays.stream(packages.trim().split("\\s+")).map(Nevra::parse).toList();
    Path list = work.resolve("host.pkgs");
    Files.write(list, host.stream().map(Nevra::toString).toList());
    Path root = work.resolve("root");
    run(
        work,
        List.of(
            SharedData.oracle("bin/mkhost").toString(),
            "--os",
            "alinux3",
            "--quiet",
            "--work",
            work.toString(),
            list.toString(),
            root.toString()),
        Map.of());
    // mkhost knows Alibaba Cloud Linux 3; the release file is what the platform test reads
    Files.writeString(
        root.resolve("etc/alinux-release"), "Alibaba Cloud Linux release " + release + "\n");
    String out =
        run(
            work,
            List.of("oscap", "oval", "eval", OVAL.toString()),
            Map.of("HOME", work.resolve("home").toString(), "OSCAP_PROBE_ROOT", root.toString()));
    Map<String, Boolean> oscap = new HashMap<>();
    Matcher m = RESULT.matcher(out);
    while (m.find()) {
      oscap.put("ALINUX4-SA-" + m.group(1) + ":" + m.group(2), m.group(3).equals("true"));
    }
    Feed feed = new OvalParser().read(OVAL, null);
    Map<String, Boolean> ours = new HashMap<>();
    for (Advisory a : feed.advisories()) {
      ours.put(
          a.id(),
          a.packages().stream()
              .anyMatch(
                  p ->
                      host.stream()
                          .anyMatch(
                              n ->
                                  n.name().equals(p.name())
                                      && p.appliesToArch(n.arch().name())
                                      && n.evr().compareTo(p.fixed()) < 0)));
      assertThat(a.source().release()).isEqualTo("alinux4");
    }
    assertThat(oscap)
        .as(why + "\n" + out)
        .containsEntry("ALINUX4-SA-2025:0143", oscapOld)
        .containsEntry("ALINUX4-SA-2026:0104", oscapKernel);
    assertThat(ours)
        .as(why)
        .containsEntry("ALINUX4-SA-2025:0143", oursOld)
        .containsEntry("ALINUX4-SA-2026:0104", oursKernel);
  }

  private static String run(Path work, List<String> cmd, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }
}
