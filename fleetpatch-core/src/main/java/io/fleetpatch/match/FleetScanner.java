package io.fleetpatch.match;

import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.rpm.Nevra;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans many hosts with one {@link Matcher}, evaluating each distinct host shape once (DESIGN.md
 * §8): hosts cloned from one image, with the same packages (in the same order, as readers sort
 * them), repo scope, running kernel and loaded live patches, share one finding list. Each distinct
 * (name, arch, EVR) is compared with the advisory index once ({@link AdvisoryIndex} caches it).
 * Thread-safe.
 *
 * <p>Looking a shape up costs a pass over the host's packages; when hosts rarely share one (fewer
 * than 1 in {@value #WORTH} of the last looked up, after {@value #PROBE} hosts), only every {@value
 * #SAMPLE}th host is looked up, so that sharing resumes as soon as clones arrive.
 */
public final class FleetScanner {
  /** The hosts' shape that findings depend on. */
  private record Shape(
      List<Nevra> packages,
      Set<String> repos,
      RepoScope.Basis basis,
      String release,
      String kernel,
      List<String> livepatches) {}

  private final Matcher matcher;
  private final int maxShapes;
  private final ConcurrentHashMap<Shape, Matcher.Evaluated> shapes = new ConcurrentHashMap<>();
  private final AtomicLong hosts = new AtomicLong();
  private final AtomicLong evaluated = new AtomicLong();
  private final AtomicLong looked = new AtomicLong();
  private final AtomicLong shared = new AtomicLong();

  /** Hosts looked up before the hit rate decides. */
  static final int PROBE = 1_000;

  /** Sharing is worth its cost while at least 1 host in this many shares a shape. */
  static final int WORTH = 20;

  /** While not worth it, 1 host in this many is still looked up. */
  static final int SAMPLE = 16;

  /**
   * @param maxShapes how many distinct shapes to remember (each holds its finding list); beyond
   *     that, hosts are evaluated without remembering
   */
  public FleetScanner(Matcher matcher, int maxShapes) {
    this.matcher = Objects.requireNonNull(matcher, "matcher");
    this.maxShapes = maxShapes;
  }

  public FleetScanner(Matcher matcher) {
    this(matcher, 20_000);
  }

  public HostFindings scan(Inventory inv) {
    long n = hosts.incrementAndGet();
    RepoScope scope = matcher.scope(inv);
    long l = looked.get();
    if (l >= PROBE && shared.get() * WORTH < l && n % SAMPLE != 0) {
      evaluated.incrementAndGet();
      return matcher.match(inv, scope);
    }
    looked.incrementAndGet();
    List<Nevra> pkgs = new ArrayList<>(inv.packages().size());
    for (InstalledPackage p : inv.packages()) {
      pkgs.add(p.nevra());
    }
    Shape shape =
        new Shape(
            pkgs,
            scope.repos(),
            scope.basis(),
            inv.os().versionId(),
            inv.kernel(),
            inv.livepatches());
    Matcher.Evaluated findings = shapes.get(shape);
    if (findings != null) {
      shared.incrementAndGet();
    } else {
      findings = matcher.evaluate(inv, scope);
      if (shapes.size() < maxShapes) {
        // two threads may evaluate one new shape at once: the first result is kept and counted
        Matcher.Evaluated first = shapes.putIfAbsent(shape, findings);
        if (first == null) {
          evaluated.incrementAndGet();
        } else {
          findings = first;
        }
      } else {
        evaluated.incrementAndGet();
      }
    }
    return findings.of(inv, scope);
  }

  /** Hosts scanned so far. */
  public long hostsScanned() {
    return hosts.get();
  }

  /** Distinct host shapes evaluated (the other hosts shared their findings). */
  public long shapesEvaluated() {
    return evaluated.get();
  }
}
