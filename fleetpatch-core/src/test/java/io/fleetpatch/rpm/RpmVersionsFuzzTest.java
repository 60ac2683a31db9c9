package io.fleetpatch.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;

/**
 * Fuzzes the rpm version core: {@link Evr#parse}, {@link Nevra#parse}, {@link Nevra#parseFilename}
 * and the {@link NevraFormats} readers may only throw {@link IllegalArgumentException}; whatever
 * parses round-trips through {@code toString()}; {@link RpmVersions#compare} is antisymmetric,
 * reflexive and returns -1, 0 or 1, and {@link RpmVersions#rpmvercmp} is antisymmetric on any
 * strings.
 */
class RpmVersionsFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void parseAndCompare(FuzzedDataProvider data) {
    String a = data.consumeString(64);
    String b = data.consumeString(64);
    String c = data.consumeRemainingAsString();

    int raw = RpmVersions.rpmvercmp(a, b);
    assertThat(raw).isBetween(-1, 1);
    assertThat(RpmVersions.rpmvercmp(b, a)).isEqualTo(-raw);

    Evr x = parseEvr(a);
    Evr y = parseEvr(b);
    Integer fast;
    try {
      fast = RpmVersions.compare(a, b);
    } catch (IllegalArgumentException e) {
      fast = null;
    }
    assertThat(fast == null)
        .as("string compare rejects exactly what parse rejects")
        .isEqualTo(x == null || y == null);
    if (x != null && y != null) {
      int r = RpmVersions.compare(x, y);
      assertThat(fast).isEqualTo(r);
      assertThat(r).isBetween(-1, 1);
      assertThat(RpmVersions.compare(y, x)).isEqualTo(-r);
      assertThat(RpmVersions.compare(x, x)).isZero();
      Evr z = parseEvr(c);
      if (z != null && r <= 0 && RpmVersions.compare(y, z) <= 0) {
        assertThat(RpmVersions.compare(x, z)).as("transitive").isLessThanOrEqualTo(0);
      }
    }

    for (String s : new String[] {a, b, c}) {
      Nevra n = parseNevra(s);
      if (n != null) {
        assertThat(Nevra.parse(n.toString())).isEqualTo(n);
        assertThat(n.compareTo(n)).isZero();
      }
      try {
        Nevra f = Nevra.parseFilename(s);
        assertThat(Nevra.parseFilename(f + ".rpm")).isEqualTo(f);
      } catch (IllegalArgumentException expected) {
        // rejected with a message: fine
      }
      try {
        Optional<Nevra> q = NevraFormats.parseRpmQa(s);
        q.ifPresent(v -> assertThat(NevraFormats.parseRpmQa(v.toString())).contains(v));
      } catch (IllegalArgumentException expected) {
        // fine
      }
      try {
        NevraFormats.parseTabSeparated(s, NevraFormats.Columns.DEFAULT);
      } catch (IllegalArgumentException expected) {
        // fine
      }
    }
  }

  private static Evr parseEvr(String s) {
    try {
      Evr e = Evr.parse(s);
      assertThat(Evr.parse(e.toString())).isEqualTo(e);
      return e;
    } catch (IllegalArgumentException expected) {
      return null;
    }
  }

  private static Nevra parseNevra(String s) {
    try {
      return Nevra.parse(s);
    } catch (IllegalArgumentException expected) {
      return null;
    }
  }
}
