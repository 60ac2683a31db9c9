package io.fleetpatch.inventory;

import java.util.Map;
import java.util.Objects;

/**
 * Which host an inventory describes.
 *
 * @param id stable identifier (instance id, or the hostname when nothing better is known)
 * @param hostname the host name, or null
 * @param tags key/value tags (patch group, environment, ...)
 */
public record Host(String id, String hostname, Map<String, String> tags) {
  public Host {
    Objects.requireNonNull(id, "id");
    tags = Map.copyOf(tags);
  }

  public static Host of(String id) {
    return new Host(id, null, Map.of());
  }
}
