package io.fleetpatch.cli;

/** Values of the global {@code --format} option. */
public enum OutputFormat {
  table,
  json,
  csv
}
