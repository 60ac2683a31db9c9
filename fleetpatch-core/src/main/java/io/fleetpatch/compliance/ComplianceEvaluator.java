package io.fleetpatch.compliance;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.baseline.Approval;
import io.fleetpatch.baseline.Baseline;
import io.fleetpatch.baseline.ComplianceLevel;
import io.fleetpatch.baseline.PatchGroups;
import io.fleetpatch.baseline.Product;
import io.fleetpatch.baseline.RejectedAction;
import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.lifecycle.Migration;
import io.fleetpatch.lifecycle.OsLifecycle;
import io.fleetpatch.lifecycle.OsSupport;
import io.fleetpatch.lifecycle.PackageSupport;
import io.fleetpatch.match.Finding;
import io.fleetpatch.match.FindingState;
import io.fleetpatch.match.HostFindings;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Findings × baseline × exceptions × SLA × lifecycle → compliance (DESIGN.md §2, "compliance/").
 * Pure and thread-safe; approvals are computed once per (baseline, product, advisory) and shared by
 * every host that uses them.
 *
 * <p>How a finding becomes a compliance state (SSM UG compliance-states, API
 * PatchComplianceDataState, CreatePatchBaseline RejectedPatchesAction; reference/
 * ssm-patch-manager.md §4, §5 and §11):
 *
 * <ul>
 *   <li>approved and missing: MISSING, or FAILED when a remediation run failed to install it;
 *   <li>approved and installed: INSTALLED; a loaded live patch covering all its CVEs counts as
 *       installed too ("that newer kernel is reported Installed", UG kernel live patching);
 *   <li>approved, installed, the running kernel older: INSTALLED_PENDING_REBOOT;
 *   <li>approved but not for this host (other arch, other repo): NOT_APPLICABLE;
 *   <li>rejected and installed: INSTALLED_REJECTED under BLOCK, INSTALLED_OTHER under
 *       ALLOW_AS_DEPENDENCY; rejected and not installed: no item (it will never be installed);
 *   <li>not (yet) approved and installed: INSTALLED_OTHER; not approved and missing: no item.
 * </ul>
 */
public final class ComplianceEvaluator {
  /**
   * How many distinct finding lists to remember the items of. Each entry keeps its finding list and
   * items alive, so the bound is small: fleets cloned from few images share few lists, and a
   * diverse fleet gains nothing from remembering (a 50,000 bound ran a 100,000-host benchmark out
   * of a 2 GB heap; with per-host finding lists, 2,000 still did in the comply benchmark).
   */
  static final int MAX_SHAPES = 256;

  private final CompliancePolicy policy;
  private final Map<ApprovalKey, Approval> approvals = new ConcurrentHashMap<>();
  private final Map<ShapeKey, Judged> shapes = new ConcurrentHashMap<>();
  private final boolean perHostInputs;

  /**
   * One advisory under one baseline for one product. Baselines and advisories are compared by
   * identity (each is one shared object per run), so a lookup never hashes a whole baseline.
   */
  private record ApprovalKey(Baseline baseline, List<String> product, Advisory advisory) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ApprovalKey k
          && k.baseline == baseline
          && k.advisory == advisory
          && k.product.equals(product);
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(baseline) * 31 + System.identityHashCode(advisory)) * 31
          + product.hashCode();
    }
  }

  /**
   * Hosts that share a finding list (the matcher shares it between hosts with the same packages,
   * repos and kernel, DESIGN.md §8) and a table of items get the same items: the list is compared
   * by identity, so the key costs nothing to build.
   */
  private record ShapeKey(List<Finding> findings, BaselineKey table) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ShapeKey k && k.findings == findings && k.table.equals(table);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(findings) * 31 + table.hashCode();
    }
  }

  /**
   * One baseline (by identity) for one product, under one set of exceptions (bit w: the policy's
   * exception w applies): a table of shared items.
   */
  private record BaselineKey(Baseline baseline, List<String> product, long waivers) {
    @Override
    public boolean equals(Object o) {
      return o instanceof BaselineKey k
          && k.baseline == baseline
          && k.waivers == waivers
          && k.product.equals(product);
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(baseline) * 31 + product.hashCode()) * 31
          + Long.hashCode(waivers);
    }
  }

  /**
   * Bound of the shared tables (each holds an int and a reference per advisory and state): hosts
   * with exceptions of their own beyond it have them applied per host.
   */
  static final int MAX_TABLES = 64;

  private final Map<BaselineKey, SharedItems> shared = new ConcurrentHashMap<>();
  private final List<Advisory> order;

  /**
   * The items of one finding list under one baseline, counted; {@code nodeLevel} is null when none
   * violates (the host is compliant).
   */
  private record Judged(List<ComplianceItem> items, ComplianceLevel nodeLevel, ItemTally tally) {}

  /**
   * @param advisories the advisories in the order the matcher sorts findings ({@code
   *     AdvisoryIndex.advisories()}): items are then found without hashing (any order works)
   */
  public ComplianceEvaluator(CompliancePolicy policy, List<Advisory> advisories) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.order = List.copyOf(advisories);
    this.perHostInputs =
        policy.firstSeen() != FirstSeen.UNKNOWN || policy.outcomes() != InstallOutcomes.NONE;
  }

  public ComplianceEvaluator(CompliancePolicy policy) {
    this(policy, List.of());
  }

  public CompliancePolicy policy() {
    return policy;
  }

  /** Judges one host: its inventory (for lifecycle) and what the matcher found on it. */
  public HostCompliance evaluate(Inventory inventory, HostFindings findings) {
    var host = findings.host();
    String group = PatchGroups.groupOf(host).orElse(null);
    HostKind kind = kind(host, findings.os(), group);
    Baseline baseline = kind.baseline();
    Product product = kind.product();
    // the exceptions that apply to this host, also as a set of their numbers in the policy (-1:
    // more than 64, too many to share items by)
    List<Waiver> hostWaivers = new ArrayList<>();
    List<Waiver> all = policy.waivers();
    long waiverSet = 0;
    for (int w = 0; w < all.size(); w++) {
      Waiver x = all.get(w);
      if (x.activeOn(policy.asOf()) && x.target().covers(host.id(), group)) {
        hostWaivers.add(x);
        waiverSet = w < 64 && waiverSet >= 0 ? waiverSet | 1L << w : -1;
      }
    }
    BaselineKey tableKey = new BaselineKey(baseline, product.names(), waiverSet);
    boolean sharedWaivers =
        !perHostInputs
            && waiverSet >= 0
            && (shared.size() < MAX_TABLES || shared.containsKey(tableKey));
    Judged judged;
    if (perHostInputs) {
      judged = judge(findings.findings(), baseline, product, host.id(), null, List.of());
    } else {
      // hosts whose exceptions are shared (a group's, or none) get items waived once for all
      BaselineKey table = sharedWaivers ? tableKey : new BaselineKey(baseline, product.names(), 0);
      List<Waiver> waivedBy = sharedWaivers ? hostWaivers : List.of();
      ShapeKey key = new ShapeKey(findings.findings(), table);
      judged = shapes.get(key);
      if (judged == null) {
        judged = judge(findings.findings(), baseline, product, host.id(), table, waivedBy);
        if (shapes.size() < MAX_SHAPES) {
          shapes.putIfAbsent(key, judged);
        }
      }
    }
    List<ComplianceItem> items = judged.items();
    ComplianceLevel nodeLevel = judged.nodeLevel();
    ItemTally tally = judged.tally();
    if (!hostWaivers.isEmpty() && !sharedWaivers) {
      List<ComplianceItem> waived = new ArrayList<>(items.size());
      nodeLevel = null;
      for (ComplianceItem item : items) {
        item = waived(item, hostWaivers);
        nodeLevel = worstViolated(nodeLevel, item);
        waived.add(item);
      }
      items = waived;
      tally = ItemTally.of(waived);
    }
    OsSupport os = kind.osSupport();
    long daysPast = os == null ? 0 : os.daysPastEndOfLife(policy.asOf());
    List<PackageSupport.PackageEol> pkgEol = List.of();
    if (kind.al2023() && policy.packageSupport().packageCount() > 0) {
      pkgEol = policy.packageSupport().endOfLife(names(inventory.packages()), policy.asOf());
    }
    Migration migration =
        policy.al2023() != null && Migration.appliesTo(inventory)
            ? Migration.of(inventory, policy.al2023())
            : null;
    return new HostCompliance(
        host,
        findings.os(),
        baseline.name(),
        group,
        nodeLevel == null,
        nodeLevel,
        items,
        tally,
        os,
        daysPast,
        pkgEol,
        migration);
  }

  /**
   * @param table the shared items to use (null: items per host)
   * @param hostWaivers the exceptions the shared items are waived by (those of every host using
   *     {@code table})
   */
  private Judged judge(
      List<Finding> fs,
      Baseline baseline,
      Product product,
      String hostId,
      BaselineKey table,
      List<Waiver> hostWaivers) {
    if (table == null) {
      ComplianceItem[] items = new ComplianceItem[fs.size()];
      ComplianceLevel nodeLevel = null;
      int n = 0;
      for (Finding f : fs) {
        ComplianceItem item = item(f, baseline, product, hostId);
        if (item != null) {
          items[n++] = item;
          nodeLevel = worstViolated(nodeLevel, item);
        }
      }
      List<ComplianceItem> list = List.of(Arrays.copyOf(items, n));
      return new Judged(list, nodeLevel, ItemTally.of(list));
    }
    SharedItems.Judged j =
        shared
            .computeIfAbsent(
                table,
                k ->
                    new SharedItems(
                        f -> {
                          ComplianceItem item = item(f, baseline, product, null);
                          return item == null ? null : waived(item, hostWaivers);
                        },
                        i -> i.violates(policy.threshold()),
                        order))
            .items(fs);
    return new Judged(j.items(), j.nodeLevel(), j.tally());
  }

  /**
   * The host's level so far ({@code level}; null: nothing violates yet), raised to the item's
   * compliance level when the item violates. A host is compliant while it stays null.
   */
  private ComplianceLevel worstViolated(ComplianceLevel level, ComplianceItem item) {
    if (!item.violates(policy.threshold())) {
      return level;
    }
    return level == null
        ? item.complianceLevel()
        : ComplianceLevel.max(level, item.complianceLevel());
  }

  /** The item waived by the host's exceptions when it violates and they cover it. */
  private static ComplianceItem waived(ComplianceItem item, List<Waiver> hostWaivers) {
    if (hostWaivers.isEmpty() || !item.state().violates()) {
      return item;
    }
    String by = waiverFor(item.advisory(), hostWaivers);
    return by == null ? item : item.waivedBy(by);
  }

  /** The packages' names, as a view (no copy per host). */
  private static List<String> names(List<InstalledPackage> pkgs) {
    return new AbstractList<>() {
      @Override
      public String get(int i) {
        return pkgs.get(i).name();
      }

      @Override
      public int size() {
        return pkgs.size();
      }
    };
  }

  private static boolean isAl2023(OsRelease os) {
    return os.id().equals("amzn")
        && (os.versionId().equals("2023") || os.versionId().equals("2022"));
  }

  /**
   * What a host's OS and patch group decide: its baseline, SSM product, OS support row and whether
   * AL2023 package support applies.
   */
  private record HostKind(
      Baseline baseline, Product product, OsSupport osSupport, boolean al2023) {}

  /** An os-release (by identity: one shared object per distinct one in a pooled fleet), a group. */
  private record KindKey(OsRelease os, String group) {
    @Override
    public boolean equals(Object o) {
      return o instanceof KindKey k && k.os == os && Objects.equals(k.group, group);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(os) * 31 + Objects.hashCode(group);
    }
  }

  private final Map<KindKey, HostKind> kinds = new ConcurrentHashMap<>();

  /** Bound of {@link #kinds}: past it, kinds are worked out per host. */
  private static final int MAX_KINDS = 4096;

  private HostKind kind(Host host, OsRelease os, String group) {
    KindKey key = new KindKey(os, group);
    HostKind kind = kinds.get(key);
    if (kind == null) {
      // the baseline depends on the host only through its patch group (PatchGroups.baselineFor)
      kind =
          new HostKind(
              policy.groups().baselineFor(host, os),
              Product.of(os),
              OsLifecycle.lookup(os).orElse(null),
              isAl2023(os));
      if (kinds.size() < MAX_KINDS) {
        kinds.putIfAbsent(key, kind);
      }
    }
    return kind;
  }

  private ComplianceItem item(Finding f, Baseline baseline, Product product, String hostId) {
    Advisory a = f.advisory();
    Approval approval =
        approvals.computeIfAbsent(
            new ApprovalKey(baseline, product.names(), a),
            k -> baseline.approve(a, product, policy.asOf()));
    FindingState d = f.state();
    boolean installed = d == FindingState.INSTALLED || d == FindingState.INSTALLED_PENDING_REBOOT;
    ComplianceState state;
    switch (approval.status()) {
      case REJECTED -> {
        if (!installed) {
          return null;
        }
        state =
            baseline.rejectedPatchesAction() == RejectedAction.BLOCK
                ? ComplianceState.INSTALLED_REJECTED
                : ComplianceState.INSTALLED_OTHER;
      }
      case APPROVED ->
          state =
              switch (d) {
                case MISSING ->
                    policy.outcomes().failed(hostId, a.id())
                        ? ComplianceState.FAILED
                        : ComplianceState.MISSING;
                case INSTALLED, MITIGATED_BY_LIVEPATCH -> ComplianceState.INSTALLED;
                case INSTALLED_PENDING_REBOOT -> ComplianceState.INSTALLED_PENDING_REBOOT;
                case NOT_APPLICABLE -> ComplianceState.NOT_APPLICABLE;
              };
      default -> {
        if (!installed) {
          return null;
        }
        state = ComplianceState.INSTALLED_OTHER;
      }
    }
    boolean inBaseline = approval.status() == Approval.Status.APPROVED;
    SlaPolicy.Deadline deadline = SlaPolicy.Deadline.NONE;
    long overdue = 0;
    if (state.open()) {
      deadline =
          policy.sla().deadline(a, policy.kev(), policy.firstSeen().firstSeen(hostId, a.id()));
      overdue = deadline.overdueDays(policy.asOf());
    }
    return new ComplianceItem(
        a,
        a.severity(),
        state,
        d,
        inBaseline ? approval.complianceLevel() : ComplianceLevel.UNSPECIFIED,
        inBaseline ? approval.approvedOn() : null,
        approval.status() == Approval.Status.REJECTED || inBaseline
            ? approval.by()
            : "not in baseline",
        deadline,
        overdue,
        null);
  }

  /**
   * The exception that waives an advisory on a host: one that covers the whole advisory, or, for
   * CVE exceptions, a set that together covers every one of its CVEs (an advisory fixing two CVEs
   * is still needed while only one of them is waived). Ids are joined with {@code +} when several
   * are needed.
   */
  static String waiverFor(Advisory advisory, List<Waiver> hostWaivers) {
    Set<String> covered = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (Waiver w : hostWaivers) {
      if (w.subject().coversAdvisory(advisory)) {
        return w.id();
      }
      Set<String> c = w.cvesCovered(advisory);
      if (!c.isEmpty() && covered.addAll(c)) {
        ids.add(w.id());
      }
    }
    if (!advisory.cves().isEmpty() && covered.containsAll(advisory.cves())) {
      return String.join("+", ids);
    }
    return null;
  }
}
