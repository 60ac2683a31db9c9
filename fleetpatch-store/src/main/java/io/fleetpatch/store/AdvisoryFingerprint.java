package io.fleetpatch.store;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.FixedPackage;
import io.fleetpatch.advisory.Reference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 of everything an advisory says, field by field with separators: two publications of an
 * advisory have the same fingerprint exactly when every field is equal. It decides whether an
 * import replaces a stored advisory.
 */
final class AdvisoryFingerprint {
  private AdvisoryFingerprint() {}

  static String of(Advisory a) {
    StringBuilder s = new StringBuilder(512);
    field(s, a.id());
    field(s, a.source().toString());
    field(s, a.type().toString());
    field(s, a.severity().name());
    field(s, a.severityText());
    field(s, TextTime.format(a.issued()));
    field(s, TextTime.format(a.updated()));
    field(s, a.title());
    field(s, a.description());
    field(s, String.valueOf(a.rebootSuggested()));
    field(s, a.version());
    s.append("\u0002cves");
    for (String cve : a.cves()) {
      field(s, cve);
    }
    s.append("\u0002refs");
    for (Reference r : a.references()) {
      field(s, r.type());
      field(s, r.id());
      field(s, r.href());
      field(s, r.title());
    }
    s.append("\u0002pkgs");
    for (FixedPackage p : a.packages()) {
      field(s, p.name());
      field(s, p.fixed().epoch() == null ? null : p.fixed().epoch().toString());
      field(s, p.fixed().version());
      field(s, p.fixed().release());
      field(s, p.arch());
      field(s, p.filename());
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(StringBuilder s, String v) {
    s.append('\u0001').append(v == null ? "\u0000" : v);
  }
}
