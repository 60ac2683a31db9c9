package io.fleetpatch.baseline;

/**
 * The patch filter keys fleetpatch evaluates. For AMAZON_LINUX, AMAZON_LINUX_2 and
 * AMAZON_LINUX_2023 the only valid baseline properties are PRODUCT, CLASSIFICATION and SEVERITY
 * (SSM API DescribePatchProperties; reference/ssm-patch-manager.md §1). REPOSITORY is in SSM's
 * {@code PatchFilterKey} enum as well; fleetpatch also honours it on Amazon Linux, matching the
 * advisory's yum repo id (e.g. {@code amzn2-core}, {@code amzn2extra-kernel-5.10}). Other keys of
 * the enum (NAME, CVE_ID, ...) are query filters, not baseline properties, and are refused.
 */
public enum PatchFilterKey {
  PRODUCT,
  CLASSIFICATION,
  SEVERITY,
  REPOSITORY
}
