package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds only the subcommand it names ({@link Main#commandLine}); each such tree must behave
 * as the whole tree does: same usage, version, qualified names and settings, down to the nested
 * subcommands.
 */
class CommandTreeTest {
  @Test
  void eachSubcommandAloneIsTheSameAsInTheWholeTree() {
    Map<String, CommandLine> whole = Main.commandLine(new String[0], true).getSubcommands();
    assertThat(whole).containsKeys("scan", "advisories", "bench", "help");
    for (String name : whole.keySet()) {
      CommandLine lazy = Main.commandLine(new String[] {name, "--help"}, true);
      if (name.equals("help")) {
        assertThat(lazy.getSubcommands()).as("help needs every command").hasSameSizeAs(whole);
        continue;
      }
      assertThat(lazy.getSubcommands()).as(name).containsOnlyKeys(name);
      assertSame(lazy.getSubcommands().get(name), whole.get(name));
    }
  }

  @Test
  void anythingButASubcommandNameGetsTheWholeTree() {
    int all = Main.commandLine(new String[0], true).getSubcommands().size();
    for (String[] args :
        new String[][] {{}, {"--help"}, {"-V"}, {"scna"}, {"help", "scan"}, {"SCAN"}}) {
      assertThat(Main.commandLine(args, true).getSubcommands()).hasSize(all);
    }
    assertThat(Main.commandLine(new String[] {"scan"}, false).getSubcommands()).hasSize(all);
  }

  @Test
  void aRunThroughTheSmallTreeWorksAndNamesItselfInErrors() {
    CliRun ok = CliRun.of("vercmp", "1.0", "1.1");
    assertThat(ok.code()).isZero();
    assertThat(ok.out().strip()).isEqualTo("-1");
    CliRun bad = CliRun.of("scan");
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("Try 'fleetpatch scan --help'.");
  }

  private static void assertSame(CommandLine lazy, CommandLine whole) {
    String name = whole.getCommandSpec().qualifiedName();
    assertThat(lazy.getCommandSpec().qualifiedName()).isEqualTo(name);
    assertThat(lazy.getUsageMessage()).as(name).isEqualTo(whole.getUsageMessage());
    assertThat(version(lazy)).as(name + " --version").isEqualTo(version(whole));
    assertThat(lazy.getCommandSpec().usageMessage().autoWidth())
        .as(name + " usageHelpAutoWidth")
        .isEqualTo(whole.getCommandSpec().usageMessage().autoWidth());
    assertThat(lazy.getCommandSpec().usageMessage().width())
        .as(name + " width")
        .isEqualTo(whole.getCommandSpec().usageMessage().width());
    assertThat(lazy.getSubcommands().keySet()).isEqualTo(whole.getSubcommands().keySet());
    for (String sub : whole.getSubcommands().keySet()) {
      assertSame(lazy.getSubcommands().get(sub), whole.getSubcommands().get(sub));
    }
  }

  private static String version(CommandLine cl) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    cl.printVersionHelp(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
