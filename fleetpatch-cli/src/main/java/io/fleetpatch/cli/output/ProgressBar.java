package io.fleetpatch.cli.output;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr ({@code \r}-redrawn), drawn only when enabled (a terminal, and
 * neither {@code -q} nor {@code --no-progress}); otherwise every call does nothing.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private long total;
  private long done;
  private long lastDrawn = -1;
  private String detail = "";

  public ProgressBar(PrintWriter err, boolean enabled, String label, long total) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
    this.total = total;
  }

  public void total(long total) {
    this.total = total;
    draw();
  }

  public void step(long n, String detail) {
    done += n;
    this.detail = detail == null ? "" : detail;
    draw();
  }

  private void draw() {
    if (!enabled) {
      return;
    }
    long pct = total > 0 ? Math.min(100, done * 100 / total) : -1;
    if (pct == lastDrawn && pct >= 0) {
      return;
    }
    lastDrawn = pct;
    int filled = pct < 0 ? 0 : (int) (pct * WIDTH / 100);
    String d = detail.length() > 40 ? "..." + detail.substring(detail.length() - 37) : detail;
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + (pct < 0 ? done : pct + "%")
            + " "
            + d
            + "\u001b[K");
    err.flush();
  }

  @Override
  public void close() {
    if (enabled && lastDrawn != -1) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
