package io.fleetpatch.rpm.header;

/**
 * A header blob that breaks rpm's layout rules (lib/header.c {@code hdrblobInit}, {@code
 * hdrblobVerifyRegion}, {@code hdrblobVerifyInfo}). The database readers turn it into a {@link
 * io.fleetpatch.problem.Problem} naming the file and the header.
 */
public final class HeaderFormatException extends RuntimeException {
  public HeaderFormatException(String message) {
    super(message, null, false, false);
  }
}
