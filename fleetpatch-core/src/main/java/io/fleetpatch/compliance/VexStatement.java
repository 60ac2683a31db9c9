package io.fleetpatch.compliance;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a waiver is stated in CycloneDX VEX: {@code analysis.state}, {@code analysis.justification}
 * and {@code analysis.response[]} (CycloneDX 1.4–1.7 schema; reference/inspector-and-vex.md §2).
 * The values are CycloneDX's, in its spelling.
 *
 * @param state resolved, resolved_with_pedigree, exploitable, in_triage, false_positive,
 *     not_affected
 * @param justification required with not_affected ("a justification is expected for every
 *     not_affected case"), else null
 * @param responses can_not_fix, will_not_fix, update, rollback, workaround_available
 */
public record VexStatement(String state, String justification, List<String> responses) {
  static final Set<String> STATES =
      Set.of(
          "resolved",
          "resolved_with_pedigree",
          "exploitable",
          "in_triage",
          "false_positive",
          "not_affected");
  static final Set<String> JUSTIFICATIONS =
      Set.of(
          "code_not_present",
          "code_not_reachable",
          "requires_configuration",
          "requires_dependency",
          "requires_environment",
          "protected_by_compiler",
          "protected_at_runtime",
          "protected_at_perimeter",
          "protected_by_mitigating_control");
  static final Set<String> RESPONSES =
      Set.of("can_not_fix", "will_not_fix", "update", "rollback", "workaround_available");

  /**
   * A time-boxed risk acceptance with no fix deployed: {@code exploitable} with response {@code
   * will_not_fix}, the encoding suggested in reference/inspector-and-vex.md §2 (CycloneDX has no
   * expiry field, so the expiry goes into properties).
   */
  public static final VexStatement RISK_ACCEPTED =
      new VexStatement("exploitable", null, List.of("will_not_fix"));

  public VexStatement {
    Objects.requireNonNull(state, "state");
    state = state.toLowerCase(Locale.ROOT);
    responses = List.copyOf(responses);
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException(
          "unknown VEX state '" + state + "' (expected one of " + sorted(STATES) + ")");
    }
    if (justification != null && !JUSTIFICATIONS.contains(justification)) {
      throw new IllegalArgumentException(
          "unknown VEX justification '"
              + justification
              + "' (expected one of "
              + sorted(JUSTIFICATIONS)
              + ")");
    }
    if (state.equals("not_affected") && justification == null) {
      throw new IllegalArgumentException("VEX state not_affected needs a justification");
    }
    for (String r : responses) {
      if (!RESPONSES.contains(r)) {
        throw new IllegalArgumentException(
            "unknown VEX response '" + r + "' (expected one of " + sorted(RESPONSES) + ")");
      }
    }
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }
}
