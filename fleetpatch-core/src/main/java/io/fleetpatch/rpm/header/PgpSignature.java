package io.fleetpatch.rpm.header;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The issuer key id of an OpenPGP signature packet, as rpm stores it in RSAHEADER, DSAHEADER and
 * SIGPGP/SIGGPG (rpmio/rpmpgp.c {@code pgpPrtSig} reads the same fields). Never throws: a packet it
 * cannot read gives no key id.
 */
public final class PgpSignature {
  private PgpSignature() {}

  /** RFC 4880 §4.3 packet tag 2: Signature Packet. */
  private static final int SIGNATURE_PACKET = 2;

  /** RFC 4880 §5.2.3.5 Issuer subpacket (8-octet key id). */
  private static final int ISSUER = 16;

  /** RFC 9580 §5.2.3.35 Issuer Fingerprint subpacket (version octet + fingerprint). */
  private static final int ISSUER_FINGERPRINT = 33;

  /** The issuer key id in 16 lower-case hex digits (as {@code rpm -qi} prints it), if found. */
  public static Optional<String> issuerKeyId(byte[] p) {
    try {
      return Optional.ofNullable(keyId(p));
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static String keyId(byte[] p) {
    if (p.length < 2 || (p[0] & 0x80) == 0) {
      return null;
    }
    int tag;
    int body;
    long len;
    int h = p[0] & 0xff;
    if ((h & 0x40) != 0) { // RFC 4880 §4.2.2 new-format length
      tag = h & 0x3f;
      int o = p[1] & 0xff;
      if (o < 192) {
        len = o;
        body = 2;
      } else if (o < 224) {
        len = ((o - 192) << 8) + (p[2] & 0xff) + 192;
        body = 3;
      } else if (o == 255) {
        len = Header.u32(p, 2);
        body = 6;
      } else {
        return null; // partial body lengths are not allowed for signatures
      }
    } else { // RFC 4880 §4.2.1 old-format length
      tag = (h >> 2) & 0x0f;
      switch (h & 3) {
        case 0 -> {
          len = p[1] & 0xff;
          body = 2;
        }
        case 1 -> {
          len = ((p[1] & 0xff) << 8) | (p[2] & 0xff);
          body = 3;
        }
        case 2 -> {
          len = Header.u32(p, 1);
          body = 5;
        }
        default -> {
          len = p.length - 1;
          body = 1;
        }
      }
    }
    if (tag != SIGNATURE_PACKET || body + len > p.length) {
      return null;
    }
    int end = (int) (body + len);
    int version = p[body] & 0xff;
    if (version == 3 || version == 2) {
      // RFC 4880 §5.2.2: version, 5, type, time(4), key id(8), ...
      return hex(p, body + 7, 8, end);
    }
    if (version != 4 && version != 5 && version != 6) {
      return null;
    }
    // RFC 4880 §5.2.3 (v4): version, type, pubkey algo, hash algo, hashed subpackets, unhashed
    int q = body + 4;
    int lenBytes = version == 4 ? 2 : 4; // RFC 9580 §5.2.3: v6 uses 4-octet subpacket lengths
    String fromFingerprint = null;
    for (int area = 0; area < 2; area++) {
      long areaLen = 0;
      for (int i = 0; i < lenBytes; i++) {
        areaLen = (areaLen << 8) | (p[q + i] & 0xff);
      }
      q += lenBytes;
      long areaEnd = q + areaLen;
      if (areaEnd > end) {
        return fromFingerprint;
      }
      while (q < areaEnd) {
        int o = p[q] & 0xff;
        long sl;
        if (o < 192) {
          sl = o;
          q += 1;
        } else if (o < 255) {
          sl = ((o - 192) << 8) + (p[q + 1] & 0xff) + 192;
          q += 2;
        } else {
          sl = Header.u32(p, q + 1);
          q += 5;
        }
        if (sl < 1 || q + sl > areaEnd) {
          return fromFingerprint;
        }
        int type = p[q] & 0x7f;
        if (type == ISSUER && sl == 9) {
          return hex(p, q + 1, 8, end);
        }
        if (type == ISSUER_FINGERPRINT && sl >= 2 && fromFingerprint == null) {
          int fprVersion = p[q + 1] & 0xff;
          int fprLen = (int) sl - 2;
          // v4 key id = last 8 octets of the fingerprint; v5/v6 = first 8 (RFC 9580 §5.5.4)
          if (fprVersion == 4 && fprLen == 20) {
            fromFingerprint = hex(p, q + 2 + 12, 8, end);
          } else if ((fprVersion == 5 || fprVersion == 6) && fprLen == 32) {
            fromFingerprint = hex(p, q + 2, 8, end);
          }
        }
        q += (int) sl;
      }
      q = (int) areaEnd;
    }
    return fromFingerprint;
  }

  private static String hex(byte[] p, int from, int n, int end) {
    if (from + n > end) {
      return null;
    }
    return HexFormat.of().formatHex(p, from, from + n);
  }
}
