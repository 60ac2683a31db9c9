/**
 * OVAL definitions (Alibaba Cloud Linux, OpenAnolis, AlmaLinux, Oracle Linux, CBL-Mariner, Azure
 * Linux) flattened into {@link io.fleetpatch.advisory.Advisory} records with source ({@code
 * <release>}, {@code oval}): {@code new OvalParser().read(path, null)}.
 */
package io.fleetpatch.advisory.oval;
