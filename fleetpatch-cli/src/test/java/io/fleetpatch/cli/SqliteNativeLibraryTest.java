package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The launcher's folder for sqlite-jdbc's JNI library: filled once, then only pointed at. */
class SqliteNativeLibraryTest {
  @TempDir Path dir;

  private String path;
  private String name;

  @BeforeEach
  void save() {
    path = System.clearProperty("org.sqlite.lib.path");
    name = System.clearProperty("org.sqlite.lib.name");
  }

  @AfterEach
  void restore() {
    restore("org.sqlite.lib.path", path);
    restore("org.sqlite.lib.name", name);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void extractsTheJarsLibraryOnceAndPointsSqliteJdbcAtIt() throws Exception {
    SqliteNativeLibrary.useFolder(dir.toString());
    Path folder = Path.of(System.getProperty("org.sqlite.lib.path"));
    Path lib = folder.resolve(System.getProperty("org.sqlite.lib.name"));
    assertThat(folder).startsWith(dir);
    assertThat(folder.toString()).contains("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
    byte[] expected;
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      expected = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(lib)).isEqualTo(expected);
    long modified = Files.getLastModifiedTime(lib).toMillis();
    try (var files = Files.list(folder)) {
      assertThat(files).as("no partial copy left behind").containsExactly(lib);
    }

    // the next run finds it and only points at it
    System.clearProperty("org.sqlite.lib.path");
    Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
    SqliteNativeLibrary.useFolder(dir.toString());
    assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(folder.toString());
    assertThat(Files.getLastModifiedTime(lib).toMillis()).isEqualTo(modified - 60_000);
  }

  @Test
  void withoutAFolderOrWithAPathAlreadySetNothingChanges() {
    SqliteNativeLibrary.useFolder(null);
    assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
    System.setProperty("org.sqlite.lib.path", "/somewhere/else");
    SqliteNativeLibrary.useFolder(dir.toString());
    assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/somewhere/else");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anUnwritableFolderLeavesSqliteJdbcToItsOwnExtraction() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    SqliteNativeLibrary.useFolder(file.toString());
    assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
  }
}
