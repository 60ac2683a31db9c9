package io.fleetpatch.match;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One matcher's {@link NameVerdict}s, per package name (by its rank in the index), then per
 * installed builds of that name (a {@code Nevra}, or a {@code List<Nevra>} for several), then per
 * scope over the name's repos and running kernel (a short list: hosts of one fleet agree on most
 * names' repos). Lookups allocate nothing. Thread-safe and bounded: past {@code max} verdicts, new
 * ones are computed but not kept.
 */
final class VerdictCache {
  /** One verdict and what it was decided for, besides the builds. */
  private record Variant(long scope, String runningKernel, NameVerdict verdict) {}

  private final AtomicReferenceArray<ConcurrentHashMap<Object, Variant[]>> byName;
  private final AtomicInteger size = new AtomicInteger();
  private final int max;

  VerdictCache(int names, int max) {
    this.byName = new AtomicReferenceArray<>(names);
    this.max = max;
  }

  /** The verdict kept for this combination, or null. */
  NameVerdict get(int name, Object builds, long scope, String runningKernel) {
    ConcurrentHashMap<Object, Variant[]> m = byName.get(name);
    Variant[] vs = m == null ? null : m.get(builds);
    if (vs != null) {
      for (Variant v : vs) {
        if (v.scope == scope && Objects.equals(v.runningKernel, runningKernel)) {
          return v.verdict;
        }
      }
    }
    return null;
  }

  /** Keeps {@code verdict} unless the cache is full; returns the one kept first (or it). */
  NameVerdict put(int name, Object builds, long scope, String runningKernel, NameVerdict verdict) {
    if (size.get() >= max) {
      return verdict;
    }
    ConcurrentHashMap<Object, Variant[]> m = byName.get(name);
    if (m == null) {
      byName.compareAndSet(name, null, new ConcurrentHashMap<>());
      m = byName.get(name);
    }
    Variant[] kept =
        m.merge(
            builds,
            new Variant[] {new Variant(scope, runningKernel, verdict)},
            (old, add) -> {
              for (Variant v : old) {
                if (v.scope == scope && Objects.equals(v.runningKernel, runningKernel)) {
                  return old;
                }
              }
              Variant[] grown = Arrays.copyOf(old, old.length + 1);
              grown[old.length] = add[0];
              return grown;
            });
    for (Variant v : kept) {
      if (v.scope == scope && Objects.equals(v.runningKernel, runningKernel)) {
        if (v.verdict == verdict) {
          size.incrementAndGet();
        }
        return v.verdict;
      }
    }
    return verdict;
  }

  /** Verdicts kept. */
  int size() {
    return size.get();
  }
}
