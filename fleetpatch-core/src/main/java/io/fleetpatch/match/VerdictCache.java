package io.fleetpatch.match;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One matcher's {@link NameVerdict}s, per package name (by its rank in the index), then per
 * installed builds of that name (a {@code Nevra}, or a {@code List<Nevra>} for several); verdicts
 * for other scopes over the name's repos or other running kernels are chained (hosts of one fleet
 * agree on most names' repos, so chains are short). Lookups allocate nothing. Thread-safe and
 * bounded: past {@code max} verdicts, new ones are computed but not kept.
 */
final class VerdictCache {
  private final AtomicReferenceArray<ConcurrentHashMap<Object, NameVerdict>> byName;
  private final AtomicInteger size = new AtomicInteger();
  private final int max;

  VerdictCache(int names, int max) {
    this.byName = new AtomicReferenceArray<>(names);
    this.max = max;
  }

  /** The verdict kept for this combination, or null. */
  NameVerdict get(int name, Object builds, long scope, String runningKernel) {
    ConcurrentHashMap<Object, NameVerdict> m = byName.get(name);
    for (NameVerdict v = m == null ? null : m.get(builds); v != null; v = v.next) {
      if (v.decidedFor(scope, runningKernel)) {
        return v;
      }
    }
    return null;
  }

  /** Keeps {@code verdict} unless the cache is full; returns the one kept first (or it). */
  NameVerdict put(int name, Object builds, NameVerdict verdict) {
    if (size.get() >= max) {
      return verdict;
    }
    ConcurrentHashMap<Object, NameVerdict> m = byName.get(name);
    if (m == null) {
      byName.compareAndSet(name, null, new ConcurrentHashMap<>());
      m = byName.get(name);
    }
    NameVerdict chain =
        m.compute(
            builds,
            (k, old) -> {
              for (NameVerdict v = old; v != null; v = v.next) {
                if (v.decidedFor(verdict.scope, verdict.runningKernel)) {
                  return old;
                }
              }
              size.incrementAndGet();
              return verdict.chainedTo(old);
            });
    for (NameVerdict v = chain; v != null; v = v.next) {
      if (v.decidedFor(verdict.scope, verdict.runningKernel)) {
        return v;
      }
    }
    return verdict;
  }

  /** Verdicts kept. */
  int size() {
    return size.get();
  }
}
