package io.fleetpatch.cli.scan;

import java.io.PrintWriter;

/** A one-line progress bar on stderr ({@code \r}-redrawn), drawn only when enabled. */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private final String what;
  private final long total;
  private long lastDraw;

  public ProgressBar(PrintWriter err, boolean enabled, String what, long total) {
    this.err = err;
    this.enabled = enabled && total > 1;
    this.what = what;
    this.total = total;
  }

  /** Redraws at most every 100 ms. */
  public synchronized void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * done / total);
    err.print(
        "\r["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " "
            + what);
    err.flush();
  }

  /** Clears the line. */
  public synchronized void done() {
    if (enabled) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      err.flush();
    }
  }
}
