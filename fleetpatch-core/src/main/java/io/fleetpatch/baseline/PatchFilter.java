package io.fleetpatch.baseline;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One {@code PatchFilter} of a filter group: a key and 1–20 values, any of which may match; {@code
 * *} matches anything (SSM API PatchFilter; reference/ssm-patch-manager.md §1). SEVERITY values are
 * normalised, so {@code Medium} also matches {@code Moderate} from external repos (UG
 * installing-patches, §1).
 */
public record PatchFilter(PatchFilterKey key, List<String> values) {
  /** At most 20 values per filter (API PatchFilter.Values). */
  public static final int MAX_VALUES = 20;

  public PatchFilter {
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          key + " filter needs 1 to " + MAX_VALUES + " values, got " + values.size());
    }
    for (String v : values) {
      // API PatchFilter.Values: each 1-64 characters
      if (v.isEmpty() || v.length() > 64) {
        throw new IllegalArgumentException(key + " value must be 1-64 characters: '" + v + "'");
      }
      if (v.equals("*")) {
        continue;
      }
      if (key == PatchFilterKey.CLASSIFICATION && Classification.parseOrNull(v) == null) {
        throw new IllegalArgumentException(
            "unknown CLASSIFICATION '"
                + v
                + "' (expected Security, Bugfix, Enhancement, Recommended or Newpackage)");
      }
      if (key == PatchFilterKey.SEVERITY && Severity.normalise(v) == Severity.UNKNOWN) {
        throw new IllegalArgumentException(
            "unknown SEVERITY '" + v + "' (expected Critical, Important, Medium, Low or None)");
      }
    }
  }

  public static PatchFilter of(PatchFilterKey key, String... values) {
    return new PatchFilter(key, List.of(values));
  }

  /** Whether the advisory, on a host known by {@code product}, passes this filter. */
  public boolean matches(Advisory advisory, Product product) {
    for (String v : values) {
      if (v.equals("*")) {
        return true;
      }
      boolean hit =
          switch (key) {
            case PRODUCT -> product.names().stream().anyMatch(n -> Glob.matches(v, n));
            case CLASSIFICATION ->
                Classification.parseOrNull(v) == Classification.of(advisory.type());
            case SEVERITY -> Severity.normalise(v) == advisory.severity();
            case REPOSITORY -> Glob.matches(v, advisory.source().repo());
          };
      if (hit) {
        return true;
      }
    }
    return false;
  }
}
