package io.fleetpatch.lifecycle;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One {@code <statement>} of AL2023's {@code support_info.xml} (amazonlinux/amazon-linux-2023
 * {@code al2023-support-statements/}, schema {@code configurations/support_info.xsd};
 * reference/livepatch-and-lifecycle.md §4).
 *
 * @param id the statement id, e.g. {@code eol_php8.1}
 * @param startDate start_date
 * @param endDate end_date: after it the packages are out of support
 * @param supported marker {@code supported} (true) or {@code unsupported} (a statement of
 *     non-support)
 * @param summary the summary text
 * @param link the link, or empty
 * @param distributionLifetime whether its end date is the distribution's own end date (that of the
 *     whole-distro statement {@code eol}): such packages are supported as long as AL2023 is, and
 *     the OS lifecycle's later date applies instead
 */
public record SupportStatement(
    String id,
    LocalDate startDate,
    LocalDate endDate,
    boolean supported,
    String summary,
    String link,
    boolean distributionLifetime) {
  public SupportStatement {
    Objects.requireNonNull(id, "id");
    summary = summary == null ? "" : summary;
    link = link == null ? "" : link;
  }
}
