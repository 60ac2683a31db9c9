package io.fleetpatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's JNI library, extracted once into a folder the launcher names ({@code
 * -Dfleetpatch.nativeDir=...}) instead of on every run. By default sqlite-jdbc copies the library
 * out of its jar into java.io.tmpdir at each start and reads the copy back to compare it byte for
 * byte (SQLiteJDBCLoader.extractAndLoadLibraryFile and contentsEquals, sqlite-jdbc 3.47): about a
 * tenth of a one-host scan. It loads {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name} first
 * when they name a file (SQLiteJDBCLoader.loadSQLiteNativeLibrary) and extracts as before when they
 * do not, so any failure here only costs that time.
 */
final class SqliteNativeLibrary {
  static final String DIR_PROPERTY = "fleetpatch.nativeDir";

  private SqliteNativeLibrary() {}

  /**
   * Points sqlite-jdbc at its library under {@code dir} (a folder per sqlite-jdbc version and
   * platform), extracting it there first if needed; does nothing when {@code dir} is null or the
   * library path is already set.
   */
  static void useFolder(String dir) {
    if (dir == null || dir.isEmpty() || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      String resource = LibraryLoaderUtil.getNativeLibResourcePath();
      String name = LibraryLoaderUtil.getNativeLibName();
      Path folder =
          Path.of(dir, "sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
              .resolve(resource.replaceFirst("^/", ""));
      Path lib = folder.resolve(name);
      if (!Files.isRegularFile(lib)) {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource + "/" + name)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(folder);
          Path part = Files.createTempFile(folder, name, ".part");
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
          // complete or absent: a concurrent run sees the old state or the whole file
          Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      System.setProperty("org.sqlite.lib.path", folder.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      // sqlite-jdbc extracts the library itself, as without this
    }
  }
}
