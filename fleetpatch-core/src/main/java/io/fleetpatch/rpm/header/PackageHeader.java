package io.fleetpatch.rpm.header;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What fleetpatch reads from an installed package's header.
 *
 * @param name NAME
 * @param epoch EPOCH, or null when the header has no Epoch tag
 * @param version VERSION
 * @param release RELEASE, or null
 * @param arch ARCH, or null when the header has none (gpg-pubkey pseudo-packages)
 * @param sourceRpm SOURCERPM, or null
 * @param vendor VENDOR, or null
 * @param installTime INSTALLTIME in seconds, or null
 * @param signatureKeyId issuer key id of RSAHEADER, else DSAHEADER, else SIGPGP, else SIGGPG (the
 *     order rpm's {@code %{SIGPGP:pgpsig}} / {@code rpm -qi} "Signature" line prefers the
 *     header-only signatures), or null when unsigned
 */
public record PackageHeader(
    String name,
    Long epoch,
    String version,
    String release,
    String arch,
    String sourceRpm,
    String vendor,
    Long installTime,
    String signatureKeyId) {

  private static final int[] SIGNATURE_TAGS = {
    RpmTag.RSAHEADER, RpmTag.DSAHEADER, RpmTag.SIGPGP, RpmTag.SIGGPG
  };

  /** Parses a header blob and reads the package fields. */
  public static PackageHeader parse(byte[] blob) {
    return of(Header.parse(blob));
  }

  /**
   * The package fields of {@code h}.
   *
   * @throws HeaderFormatException when NAME or VERSION is missing or a tag has the wrong type
   */
  public static PackageHeader of(Header h) {
    String name =
        h.string(RpmTag.NAME).orElseThrow(() -> new HeaderFormatException("header has no NAME"));
    String version =
        h.string(RpmTag.VERSION)
            .orElseThrow(
                () -> new HeaderFormatException("header of '" + name + "' has no VERSION"));
    OptionalLong epoch = h.number(RpmTag.EPOCH);
    OptionalLong installTime = h.number(RpmTag.INSTALLTIME);
    String keyId = null;
    for (int tag : SIGNATURE_TAGS) {
      Optional<byte[]> sig = h.has(tag) ? h.binary(tag) : Optional.empty();
      if (sig.isPresent()) {
        keyId = PgpSignature.issuerKeyId(sig.get()).orElse(null);
        if (keyId != null) {
          break;
        }
      }
    }
    return new PackageHeader(
        name,
        epoch.isPresent() ? epoch.getAsLong() : null,
        version,
        h.string(RpmTag.RELEASE).orElse(null),
        h.string(RpmTag.ARCH).orElse(null),
        h.string(RpmTag.SOURCERPM).orElse(null),
        h.string(RpmTag.VENDOR).orElse(null),
        installTime.isPresent() ? installTime.getAsLong() : null,
        keyId);
  }
}
