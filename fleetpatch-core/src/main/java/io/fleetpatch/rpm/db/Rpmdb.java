package io.fleetpatch.rpm.db;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds an rpm database file, tells its format and reads its header blobs, read-only. */
public final class Rpmdb {
  private Rpmdb() {}

  /**
   * The package database in {@code dir}: {@code rpmdb.sqlite}, then {@code Packages.db}, then
   * {@code Packages} (the order rpm 4.18's backend detection tries: lib/backend/dbi.c {@code
   * dbDetectBackend} prefers the configured sqlite and falls back to what exists).
   */
  public static Optional<Path> findIn(Path dir) {
    for (RpmdbFormat f : RpmdbFormat.values()) {
      Path p = dir.resolve(f.fileName);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The format of {@code file} by its magic bytes; a {@link Problem} when it is none. */
  public static RpmdbFormat formatOf(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RpmdbFormat f = RpmdbFormat.detect(head);
    if (f == null) {
      throw new ProblemException(
          Problem.of(
              file.toString(),
              "not an rpm database: no sqlite, Berkeley DB hash or NDB magic"
                  + (head.length < 16 ? " (file of " + head.length + " bytes)" : "")));
    }
    return f;
  }

  /** Every header blob in {@code file}, in the database's order. */
  public static List<HeaderBlob> read(Path file) {
    return switch (formatOf(file)) {
      case SQLITE -> SqlitePackages.read(file);
      case BDB_HASH -> BdbHashPackages.read(file);
      case NDB -> NdbPackages.read(file);
    };
  }
}
