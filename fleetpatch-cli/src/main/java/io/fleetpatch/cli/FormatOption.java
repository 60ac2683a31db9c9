package io.fleetpatch.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format table|json|csv} option of DESIGN.md §7, mixed into every command whose
 * results are tables. (Commands with other formats, such as {@code inventory --format nevra},
 * declare their own.)
 */
public final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "table|json|csv",
      description = "Output format of results: ${COMPLETION-CANDIDATES} (default: table).")
  OutputFormat format = OutputFormat.table;

  public OutputFormat format() {
    return format;
  }
}
