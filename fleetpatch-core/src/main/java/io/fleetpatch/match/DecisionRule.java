package io.fleetpatch.match;

/**
 * The rule that decided the state of one advisory package row. Each rule is what dnf 4.14 does
 * ({@code dnf/cli/commands/updateinfo.py}, libdnf {@code hy_advisorypkg} name+arch match; shared
 * oracle README §6-7) or a documented fleetpatch extension beyond dnf (running kernel, scoping).
 */
public enum DecisionRule {
  /** dnf --available: fixed EVR is newer than the newest installed build of that name.arch. */
  FIX_NEWER_THAN_NEWEST_INSTALLED(
      "fixed EVR > newest installed EVR of the same name.arch (dnf updateinfo --available)"),
  /**
   * dnf --available for installonly packages: compared with the newest installed kernel only
   * (libdnf {@code installed().latest(1)}; oracle README gotcha 7).
   */
  FIX_NEWER_THAN_NEWEST_KERNEL(
      "installonly package: fixed EVR > newest installed build (dnf compares the newest kernel"
          + " only)"),
  /** dnf --installed: some installed EVR of that name.arch is at or above the fix. */
  INSTALLED_AT_OR_ABOVE_FIX(
      "an installed EVR of the same name.arch >= fixed EVR (dnf --installed)"),
  /**
   * The newest installed kernel has the fix, but the running kernel ({@code uname -r}) is older:
   * dnf does not list it, the running system is still exposed until a reboot.
   */
  RUNNING_KERNEL_OLDER_THAN_FIX(
      "fix installed (newest kernel >= fixed EVR) but the running kernel is older: reboot"
          + " pending"),
  /**
   * An older installonly build (not the running kernel, not the newest) is below the fix, but the
   * newest installed one has it: dnf does not list it, and it is not an exposure.
   */
  OLDER_KERNEL_NOT_RUNNING(
      "only an older, non-running installonly build is below the fix; the newest and the running"
          + " kernel are fixed"),
  /**
   * Name installed, but only with another arch (noarch vs x86_64, i686 vs x86_64): dnf never
   * matches across arches (oracle README gotcha 6).
   */
  ARCH_MISMATCH("package name installed only with another arch (dnf matches name AND arch)"),
  /** The advisory's repo is not one the host uses (DESIGN.md §5, repo and stream scoping). */
  REPO_NOT_ENABLED("the advisory's repo is not enabled on the host");

  private final String text;

  DecisionRule(String text) {
    this.text = text;
  }

  /** One line explaining the rule, for evidence output. */
  public String text() {
    return text;
  }
}
