package io.fleetpatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetpatch.cli.scan.FleetSources;
import io.fleetpatch.cli.scan.ScanTable;
import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.livepatch.LivepatchStatus;
import io.fleetpatch.livepatch.LivepatchWindows;
import io.fleetpatch.match.AdvisoryIndex;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetpatch livepatch status SOURCE…}: is the running kernel in its live-patch window. */
@Command(
    name = "livepatch",
    mixinStandardHelpOptions = true,
    header = "Kernel live patching: support windows of the hosts' running kernels.",
    description = {"", "Subcommands: status.", ""},
    subcommands = {LivepatchCommand.Status.class})
final class LivepatchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      header =
          "Per host: does its running kernel still get live patches? (fleetpatch's 'yum"
              + " kernel-livepatch supported')",
      description = {
        "",
        "Amazon releases live patches for a kernel for about 3 months after that kernel's"
            + " release (AWS EC2 user guide, 'Kernel Live Patching on AL2'; AL2023"
            + " support_info.xml 'eol_kernel'). After that, reboot into a newer kernel to get a new"
            + " window. On AL2 only kernels 4.14 and 5.10 on x86_64 and 5.10 on aarch64 get live"
            + " patches; 4.14's ended 2025-10-31 and 5.10's ends with AL2 on 2026-06-30.",
        "",
        "The kernel's release date is the issue date of the first advisory that ships exactly"
            + " the running kernel build (uname -r from the inventory); a kernel no advisory ships"
            + " is dated by its first live patch. States: IN_WINDOW, WINDOW_ENDED, NOT_SUPPORTED,"
            + " UNKNOWN (kernel not in the data), NO_KERNEL (inventory has no uname -r).",
        ""
      },
      footer = {
        "",
        "Exit code 1 when some host's running kernel is WINDOW_ENDED or NOT_SUPPORTED.",
        "",
        "Examples:",
        "  fleetpatch livepatch status fleet/ --advisories shared/data/amazon/updateinfo",
        "  fleetpatch livepatch status host.json --advisories updateinfo/ --as-of 2024-06-01"
      })
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Hosts, as for scan.")
    List<Path> sources;

    @Option(
        names = "--advisories",
        paramLabel = "FILE|DIR",
        arity = "1..*",
        description =
            "updateinfo files or directories (as for scan); they date the kernels. Default: the"
                + " advisories imported into the store (--db).")
    List<Path> advisories = new ArrayList<>();

    @Option(
        names = "--as-of",
        paramLabel = "YYYY-MM-DD",
        description = "The day to judge the window on (default: today, UTC).")
    LocalDate asOf;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or csv.")
    OutputFormat format = OutputFormat.table;

    @Override
    public Integer call() throws IOException {
      LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
      List<Path> hosts = FleetSources.expand(sources);
      LivepatchWindows windows =
          new LivepatchWindows(
              AdvisoryIndex.of(
                  StoreAdvisories.choose(advisories, null, global, spec.commandLine())
                      .load()
                      .advisories()));
      InventorySources reader = InventorySources.standard();
      List<LivepatchStatus> all =
          hosts.parallelStream().map(h -> windows.status(reader.read(h), day)).toList();
      PrintWriter out = spec.commandLine().getOut();
      switch (format) {
        case json -> json(out, all, day);
        case csv -> {
          out.println("host,kernel,state,kernelReleased,releasedBy,windowEnds,livepatches,message");
          for (LivepatchStatus s : all) {
            out.println(
                String.join(
                    ",",
                    ScanTable.csvField(s.hostId()),
                    s.kernel() == null ? "" : ScanTable.csvField(s.kernel()),
                    s.state().name(),
                    s.kernelReleased() == null ? "" : s.kernelReleased().toString(),
                    s.releasedBy() == null ? "" : ScanTable.csvField(s.releasedBy()),
                    s.windowEnds() == null ? "" : s.windowEnds().toString(),
                    ScanTable.csvField(
                        String.join(" ", s.livepatches().stream().map(Nevra::toString).toList())),
                    ScanTable.csvField(s.message())));
          }
        }
        case table -> {
          String row = "%-16s %-36s %-13s %-10s %-10s %s%n";
          out.printf(row, "HOST", "RUNNING KERNEL", "STATE", "RELEASED", "WINDOW END", "MESSAGE");
          for (LivepatchStatus s : all) {
            out.printf(
                row,
                s.hostId(),
                s.kernel() == null ? "-" : s.kernel(),
                s.state(),
                s.kernelReleased() == null ? "-" : s.kernelReleased(),
                s.windowEnds() == null ? "-" : s.windowEnds(),
                s.message());
          }
        }
      }
      out.flush();
      boolean outside =
          all.stream()
              .anyMatch(
                  s ->
                      s.state() == LivepatchStatus.State.WINDOW_ENDED
                          || s.state() == LivepatchStatus.State.NOT_SUPPORTED);
      return outside ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static void json(PrintWriter out, List<LivepatchStatus> all, LocalDate day)
        throws IOException {
      JsonGenerator g = new JsonFactory().createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", "fleetpatch.livepatch-status/v1");
      g.writeStringField("asOf", day.toString());
      g.writeArrayFieldStart("hosts");
      for (LivepatchStatus s : all) {
        g.writeStartObject();
        g.writeStringField("host", s.hostId());
        g.writeStringField("kernel", s.kernel());
        g.writeStringField("state", s.state().name());
        g.writeStringField(
            "kernelReleased", s.kernelReleased() == null ? null : s.kernelReleased().toString());
        g.writeStringField("releasedBy", s.releasedBy());
        g.writeStringField("windowEnds", s.windowEnds() == null ? null : s.windowEnds().toString());
        g.writeArrayFieldStart("livepatches");
        for (Nevra n : s.livepatches()) {
          g.writeString(n.toFullString());
        }
        g.writeEndArray();
        g.writeStringField("message", s.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
    }
  }
}
