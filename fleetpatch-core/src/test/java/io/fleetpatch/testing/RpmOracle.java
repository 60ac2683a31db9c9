package io.fleetpatch.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Real librpm as a judge: {@code ../shared/oracle/bin/vercmp-oracle} (oracle README section 3) and
 * {@code rpm.ver()} of Debian's python3-rpm, run once per call over many lines (a process start
 * costs ~50 ms; 1M lines ~1 s). {@link #require()} makes a test fail in CI when they are missing.
 */
public final class RpmOracle {
  /** Debian's interpreter, the only one here with the {@code rpm} module (oracle README). */
  public static final String PYTHON = "/usr/bin/python3";

  private RpmOracle() {}

  public static Path vercmpOracle() {
    return SharedData.oracle("bin/vercmp-oracle");
  }

  /** Fails (CI) or skips (elsewhere) unless python3-rpm and the oracle script are there. */
  public static void require() {
    Tools.require(PYTHON, vercmpOracle().toString());
  }

  /**
   * Runs {@code vercmp-oracle OPTIONS} over "A B" lines and returns its output, one line per input
   * line ("-1", "0", "1" or "ERR"; "rpm label libsolv" with {@code --all}).
   */
  public static List<String> vercmp(List<String> pairs, String... options) {
    List<String> cmd = new ArrayList<>(List.of(vercmpOracle().toString()));
    cmd.addAll(List.of(options));
    return run(cmd, w -> writeLines(w, pairs), pairs.size());
  }

  /**
   * librpm's own split of each EVR ({@code rpm.ver(s)}: {@code lib/rpmver.c parseEVR}), one line
   * per input: {@code e<TAB>v<TAB>r} with {@code -} for a NULL part.
   */
  public static List<String> splitEvr(List<String> evrs) {
    String script =
        """
        import sys, rpm
        out = []
        for line in sys.stdin:
            v = rpm.ver(line.rstrip('\\n'))
            out.append('\\t'.join('-' if x is None else x for x in (v.e, v.v, v.r)))
        sys.stdout.write('\\n'.join(out) + '\\n')
        """;
    return run(List.of(PYTHON, "-c", script), w -> writeLines(w, evrs), evrs.size());
  }

  private static void writeLines(Writer w, List<String> lines) {
    try {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> run(List<String> cmd, Consumer<Writer> input, int expectedLines) {
    try {
      Process p = new ProcessBuilder(cmd).start();
      CompletableFuture<Void> feeder =
          CompletableFuture.runAsync(
              () -> {
                try (Writer w =
                    new BufferedWriter(
                        new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                        1 << 16)) {
                  input.accept(w);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CompletableFuture<String> stderr =
          CompletableFuture.supplyAsync(() -> head(p.getErrorStream(), 4096));
      List<String> out = new ArrayList<>(expectedLines);
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
        for (String line; (line = r.readLine()) != null; ) {
          out.add(line);
        }
      }
      int rc = p.waitFor();
      feeder.join();
      String err = stderr.join();
      if (out.size() != expectedLines) {
        throw new IllegalStateException(
            cmd.get(0)
                + " gave "
                + out.size()
                + " lines for "
                + expectedLines
                + " (exit "
                + rc
                + "): "
                + err);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The first {@code max} bytes of a stream, reading (and dropping) the rest. */
  private static String head(InputStream in, int max) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        b.write(buf, 0, Math.min(n, Math.max(0, max - b.size())));
      }
    } catch (IOException e) {
      return b + " [" + e + "]";
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
