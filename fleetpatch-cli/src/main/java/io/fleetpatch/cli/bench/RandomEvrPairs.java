package io.fleetpatch.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random pairs of EVR strings for checking and timing version comparison: rich in what rpm's
 * rules treat specially ({@code ~ ^ _ + .}, the {@code -} before the release, leading zeros,
 * numbers longer than a long, letters of both cases, epochs with and without leading zeros, a
 * missing release). Half of the pairs are a string and a small mutation of it, so that many
 * comparisons go deep before they differ. Every string is a valid {@code Evr} (non-empty version
 * without '-' or ':', non-empty release without '-'). The same seed and count give the same pairs
 * on every JVM.
 */
public final class RandomEvrPairs {
  private static final String SEPARATORS = "._+~^";
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String[] WORDS = {
    "rc", "git", "el", "amzn", "fc", "pre", "beta", "alpha", "p", "b", "z", "A", "post", "dev"
  };

  private final SplittableRandom random;

  private RandomEvrPairs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code count} pairs, each {@code {a, b}}. */
  public static List<String[]> generate(long seed, int count) {
    RandomEvrPairs g = new RandomEvrPairs(seed);
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String a = g.evr();
      String b = g.random.nextInt(2) == 0 ? g.mutate(a) : g.evr();
      pairs.add(g.random.nextBoolean() ? new String[] {a, b} : new String[] {b, a});
    }
    return pairs;
  }

  private String evr() {
    StringBuilder s = new StringBuilder();
    if (random.nextInt(10) < 3) {
      s.append(epoch()).append(':');
    }
    s.append(part());
    if (random.nextInt(10) < 8) {
      s.append('-').append(part());
    }
    return s.toString();
  }

  private String epoch() {
    return switch (random.nextInt(6)) {
      case 0 -> "0";
      case 1 -> "00";
      case 2 -> "01";
      case 3 -> Integer.toString(random.nextInt(3));
      case 4 -> Integer.toString(random.nextInt(100));
      default -> Long.toString(random.nextLong(1, 1_000_000_000_000L));
    };
  }

  /** A version or release: segments joined by separators, maybe with a leading ~ or ^. */
  private String part() {
    StringBuilder s = new StringBuilder();
    if (random.nextInt(20) == 0) {
      s.append(random.nextBoolean() ? '~' : '^');
    }
    int segments = 1 + random.nextInt(5);
    for (int i = 0; i < segments; i++) {
      if (i > 0 && random.nextInt(6) != 0) {
        s.append(separator());
      }
      s.append(segment());
    }
    if (random.nextInt(12) == 0) {
      s.append(separator());
    }
    return s.toString();
  }

  private char separator() {
    int r = random.nextInt(10);
    return r < 5 ? '.' : SEPARATORS.charAt(random.nextInt(SEPARATORS.length()));
  }

  private String segment() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> Integer.toString(random.nextInt(20));
      case 4 -> "0".repeat(1 + random.nextInt(3)) + random.nextInt(100);
      case 5 -> digits(10 + random.nextInt(16));
      case 6 ->
          WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? random.nextInt(12) : "");
      case 7 -> letters(1 + random.nextInt(3));
      case 8 -> random.nextInt(10) + letters(1) + random.nextInt(10);
      default -> Integer.toString(random.nextInt(3000));
    };
  }

  private String digits(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  private String letters(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return s.toString();
  }

  /** A small change of {@code evr} that keeps it valid. */
  private String mutate(String evr) {
    int colon = evr.indexOf(':');
    String epoch = colon < 0 ? null : evr.substring(0, colon);
    String rest = colon < 0 ? evr : evr.substring(colon + 1);
    int dash = rest.indexOf('-');
    String version = dash < 0 ? rest : rest.substring(0, dash);
    String release = dash < 0 ? null : rest.substring(dash + 1);
    switch (random.nextInt(9)) {
      case 0 -> epoch = epoch == null ? epoch() : random.nextBoolean() ? null : epoch();
      case 1 -> release = release == null ? part() : random.nextBoolean() ? null : tweak(release);
      case 2 -> version = version + (random.nextBoolean() ? "~" : "^") + segment();
      case 3 -> version = version + separator();
      case 4 -> {
        if (release != null) {
          release =
              release
                  + (random.nextBoolean() ? "~" : "^")
                  + (random.nextBoolean() ? segment() : "");
        } else {
          version = version + "~";
        }
      }
      case 5 -> version = zeroPad(version);
      default -> version = tweak(version);
    }
    return (epoch == null ? "" : epoch + ":") + version + (release == null ? "" : "-" + release);
  }

  /** Changes one character: a digit up or down, a separator swapped, a letter's case. */
  private String tweak(String s) {
    int i = random.nextInt(s.length());
    char c = s.charAt(i);
    char d;
    if (c >= '0' && c <= '9') {
      d = (char) ('0' + random.nextInt(10));
    } else if (SEPARATORS.indexOf(c) >= 0) {
      d = SEPARATORS.charAt(random.nextInt(SEPARATORS.length()));
    } else if (Character.isLetter(c)) {
      d = random.nextBoolean() ? Character.toUpperCase(c) : LETTERS.charAt(random.nextInt(26));
    } else {
      d = '.';
    }
    return s.substring(0, i) + d + s.substring(i + 1);
  }

  /** Puts a leading zero before one numeric run (equal for rpm) or drops the last character. */
  private String zeroPad(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i)) && (i == 0 || !Character.isDigit(s.charAt(i - 1)))) {
        if (random.nextInt(3) == 0) {
          return s.substring(0, i) + "0" + s.substring(i);
        }
      }
    }
    return s.length() > 1 ? s.substring(0, s.length() - 1) : s + "0";
  }
}
