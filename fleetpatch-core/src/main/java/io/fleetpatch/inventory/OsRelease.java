package io.fleetpatch.inventory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The host's {@code /etc/os-release} fields (freedesktop os-release(5)), with {@code
 * /etc/system-release} and {@code /etc/alinux-release} kept under the keys {@code SYSTEM_RELEASE}
 * and {@code ALINUX_RELEASE} where present.
 */
public record OsRelease(Map<String, String> fields) {
  public static final OsRelease UNKNOWN = new OsRelease(Map.of());

  public OsRelease {
    fields = Map.copyOf(fields);
  }

  /** {@code ID}, e.g. {@code amzn}, {@code alinux}, {@code rhel}; empty when unknown. */
  public String id() {
    return fields.getOrDefault("ID", "");
  }

  /** {@code VERSION_ID}, e.g. {@code 2}, {@code 2023}, {@code 3}; empty when unknown. */
  public String versionId() {
    return fields.getOrDefault("VERSION_ID", "");
  }

  public String prettyName() {
    return fields.getOrDefault("PRETTY_NAME", (id() + " " + versionId()).trim());
  }

  /** The fields in key order, for stable output. */
  public Map<String, String> sorted() {
    return new TreeMap<>(fields);
  }
}
