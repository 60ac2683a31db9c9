package io.fleetpatch.cli;

import io.fleetpatch.cli.bench.BenchCommand;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fleetpatch} command: the composition root. Results go to stdout, logs and errors to
 * stderr; exit codes are those of {@link ExitCode}.
 */
@Command(
    name = "fleetpatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Security-patch and compliance manager for fleets of RPM-based cloud Linux hosts.",
    description = {
      "",
      "Amazon Linux 2 and 2023, Alibaba Cloud Linux 2/3 and the RHEL family: feeds -> advisories;"
          + " hosts -> inventory; inventory x advisories -> findings; findings x baseline ->"
          + " compliance.",
      ""
    },
    subcommands = {
      InventoryCommand.class,
      AdvisoriesCommand.class,
      CveCommand.class,
      ScanCommand.class,
      LivepatchCommand.class,
      ComplyCommand.class,
      ReportCommand.class,
      BaselinesCommand.class,
      VercmpCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok/compliant, 1 findings at or above --fail-on/non-compliant, 2 usage,"
          + " 3 bad input or data problem, 4 I/O or network, 70 internal error.",
      "",
      "Not built yet: serve (REST API, web UI, agent endpoints) and remediation (plans, SSH"
          + " execution). They are listed here once they work."
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    SqliteNativeLibrary.useFolder(System.getProperty(SqliteNativeLibrary.DIR_PROPERTY));
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(args, true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(Main::exitCodeOf);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable t = unwrap(ex);
          int code = exitCodeOf(t);
          if (code == ExitCode.INTERNAL) {
            err.println("fleetpatch: internal error (a bug; please report it):");
            t.printStackTrace(err);
          } else {
            err.println("fleetpatch: " + messageOf(t));
          }
          err.flush();
          return code;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("fleetpatch: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          err.flush();
          return ExitCode.USAGE;
        });
    int code = cl.execute(args);
    out.flush();
    return code;
  }

  /**
   * The command tree for {@code args}. picocli builds its model of a command by reflection over the
   * class, its fields and every method; for all commands that is most of a second of a short run's
   * start-up. So when {@code lazy} and the first argument names a subcommand (listed above), only
   * that subcommand (with its own subcommands) is built, under a root of the same name; anything
   * else (no argument, an option, {@code help}, a misspelt command) gets the whole tree, so that
   * usage, version and suggestions are unchanged.
   */
  static CommandLine commandLine(String[] args, boolean lazy) {
    if (lazy && args.length > 0 && !args[0].equals("help")) {
      for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
        Command sub = c.getAnnotation(Command.class);
        if (sub != null && sub.name().equals(args[0])) {
          CommandLine root = new CommandLine(new Root());
          root.addSubcommand(new CommandLine(c));
          return root;
        }
      }
    }
    return new CommandLine(new Main());
  }

  /** The root of a tree built for one subcommand: the name and standard options of Main. */
  @Command(
      name = "fleetpatch",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      sortOptions = false,
      usageHelpAutoWidth = true)
  static final class Root implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur instanceof UncheckedIOException && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  static int exitCodeOf(Throwable t) {
    if (t instanceof ProblemException) {
      return ExitCode.BAD_INPUT;
    }
    if (t instanceof IOException || t instanceof UncheckedIOException) {
      return ExitCode.IO;
    }
    if (t instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.INTERNAL;
  }

  private static String messageOf(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
