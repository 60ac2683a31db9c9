package io.fleetpatch.cli;

/** The exit codes of DESIGN.md §7 (stable: scripts and CI checks depend on them). */
public final class ExitCode {
  /** Success; compliant; no finding at or above {@code --fail-on}. */
  public static final int OK = 0;

  /** Findings at or above {@code --fail-on}, or non-compliant. */
  public static final int FINDINGS = 1;

  /** Bad command line. */
  public static final int USAGE = 2;

  /** Bad input file or data problem. */
  public static final int BAD_INPUT = 3;

  /** I/O or network failure. */
  public static final int IO = 4;

  /** Internal error (a bug): reported with a stack trace. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
