package io.fleetpatch.advisory;

import java.util.Objects;

/**
 * An updateinfo {@code <reference type id href title>} (type: cve, bugzilla, self, other...).
 * Fields other than {@code type} may be empty.
 */
public record Reference(String type, String id, String href, String title) {
  public Reference {
    Objects.requireNonNull(type, "type");
    id = id == null ? "" : id;
    href = href == null ? "" : href;
    title = title == null ? "" : title;
  }
}
