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
 */
public final class FleetScanner {
  /** The hosts' shape that findings depend on. */
  private record Shape(
      List<Nevra> packages,
      Set<String> repos,
      RepoScope.Basis basis,
      String kernel,
      List<String> livepatches) {}

  private final Matcher matcher;
  private final int maxShapes;
  private final ConcurrentHashMap<Shape, List<Finding>> shapes = new ConcurrentHashMap<>();
  private final AtomicLong hosts = new AtomicLong();
  private final AtomicLong evaluated = new AtomicLong();

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
    hosts.incrementAndGet();
    RepoScope scope = matcher.scope(inv);
    List<Nevra> pkgs = new ArrayList<>(inv.packages().size());
    for (InstalledPackage p : inv.packages()) {
      pkgs.add(p.nevra());
    }
    Shape shape = new Shape(pkgs, scope.repos(), scope.basis(), inv.kernel(), inv.livepatches());
    List<Finding> findings = shapes.get(shape);
    if (findings == null) {
      findings = matcher.findings(inv, scope);
      if (shapes.size() < maxShapes) {
        // two threads may evaluate one new shape at once: the first result is kept and counted
        List<Finding> first = shapes.putIfAbsent(shape, findings);
        if (first == null) {
          evaluated.incrementAndGet();
        } else {
          findings = first;
        }
      } else {
        evaluated.incrementAndGet();
      }
    }
    return new HostFindings(inv.host(), inv.os(), inv.kernel(), scope, findings);
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
