package io.fleetpatch.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A security (or other) advisory as one source published it (DESIGN.md §4).
 *
 * @param id e.g. ALAS2-2024-2377, ALAS2023-2024-512, ALINUX3-SA-2024:0012
 * @param source the release and repo it was published in
 * @param type security, bugfix, enhancement, newpackage
 * @param severity normalised severity
 * @param severityText the severity string as published (may be empty)
 * @param issued issue time, or null
 * @param updated last update time, or null (SSM counts approve-after-days from it)
 * @param title title (may be empty)
 * @param description description (may be empty)
 * @param cves CVE ids, sorted, distinct
 * @param references every reference as published
 * @param packages the fixed packages
 * @param rebootSuggested updateinfo's reboot_suggested
 * @param version the updateinfo {@code version} attribute, or empty
 */
public record Advisory(
    String id,
    AdvisorySource source,
    AdvisoryType type,
    Severity severity,
    String severityText,
    Instant issued,
    Instant updated,
    String title,
    String description,
    List<String> cves,
    List<Reference> references,
    List<FixedPackage> packages,
    boolean rebootSuggested,
    String version) {
  public Advisory {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    severityText = severityText == null ? "" : severityText;
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    cves = cves.stream().distinct().sorted().toList();
    references = List.copyOf(references);
    packages = List.copyOf(packages);
    version = version == null ? "" : version;
  }

  /** The time SSM's approve-after-days counts from: updated, else issued. */
  public Instant updatedOrIssued() {
    return updated != null ? updated : issued;
  }
}
