package io.fleetpatch.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one host has: the {@code fleetpatch.inventory/v1} document of DESIGN.md §4 (schema in
 * docs/inventory-v1.md).
 *
 * @param host which host
 * @param os os-release fields
 * @param kernel the running kernel as {@code uname -r} prints it, or null when unknown
 * @param packages the installed packages
 * @param repos the enabled repo ids, or null when unknown (then they are inferred)
 * @param livepatches loaded kpatch modules, or null when unknown
 * @param collectedAt when the inventory was taken, or null
 * @param source how it was collected ("rpmdb:sqlite:/path", "rpm-qa:file", "json:file", ...)
 */
public record Inventory(
    Host host,
    OsRelease os,
    String kernel,
    List<InstalledPackage> packages,
    List<String> repos,
    List<String> livepatches,
    Instant collectedAt,
    String source) {
  public static final String SCHEMA = "fleetpatch.inventory/v1";

  public Inventory {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(os, "os");
    packages = List.copyOf(packages);
    repos = repos == null ? null : List.copyOf(repos);
    livepatches = livepatches == null ? null : List.copyOf(livepatches);
    Objects.requireNonNull(source, "source");
  }
}
