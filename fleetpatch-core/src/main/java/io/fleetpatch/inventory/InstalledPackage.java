package io.fleetpatch.inventory;

import io.fleetpatch.rpm.Nevra;
import java.util.Objects;

/**
 * One installed package as the host's package database records it. Only {@code nevra} is always
 * known; the other fields are {@code null} where the source does not carry them (an {@code rpm -qa}
 * listing has no vendor, an inventory may have no repo).
 *
 * @param nevra name, epoch (absent when the header has no Epoch tag), version, release, arch
 * @param sourceRpm the source rpm file name ({@code SOURCERPM}), or null
 * @param vendor the {@code VENDOR} tag, or null
 * @param installTime seconds since the epoch ({@code INSTALLTIME}), or null
 * @param signatureKeyId the signing key id in hex (from RSAHEADER/DSAHEADER/PGP), or null
 * @param repo the repo it was installed from (yumdb / dnf history), or null
 */
public record InstalledPackage(
    Nevra nevra,
    String sourceRpm,
    String vendor,
    Long installTime,
    String signatureKeyId,
    String repo) {
  public InstalledPackage {
    Objects.requireNonNull(nevra, "nevra");
  }

  public static InstalledPackage of(Nevra nevra) {
    return new InstalledPackage(nevra, null, null, null, null, null);
  }

  public String name() {
    return nevra.name();
  }
}
