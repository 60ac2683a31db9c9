package io.fleetpatch.inventory.collect;

/** What a SOURCE given to {@code fleetpatch inventory} turned out to be. */
public enum SourceKind {
  /** A {@code fleetpatch.inventory/v1} document or the oracle's simple form. */
  INVENTORY_JSON,
  /** {@code rpm -qa} output ({@link RpmQaText}). */
  RPM_QA_TEXT,
  /** An rpm database file, or a directory holding one. */
  RPMDB,
  /** A root filesystem: a directory with {@code var/lib/rpm} or {@code usr/lib/sysimage/rpm}. */
  ROOT_FS,
  /** A {@code docker save} archive ({@link ContainerImage}). */
  DOCKER_ARCHIVE,
  /** An OCI image layout directory ({@link ContainerImage}). */
  OCI_LAYOUT
}
