package io.fleetpatch.inventory.collect;

import io.fleetpatch.inventory.OsRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A host's root filesystem unpacked in a directory (an installroot, a container layer, a mounted
 * disk). Paths inside it are resolved as the host would see them: symlinks are followed by hand, an
 * absolute target ({@code /usr/lib/os-release}) is taken relative to the root and {@code ..} never
 * climbs above it, so a hostile link cannot make us read the scanning machine's files.
 */
public record RootFilesystem(Path root) {
  /**
   * Where rpm keeps its database, newest layout first (rpm >= 4.16 on Fedora/openSUSE, then the
   * classic {@code %_dbpath}).
   */
  static final String[] RPMDB_DIRS = {"usr/lib/sysimage/rpm", "var/lib/rpm"};

  private static final int MAX_LINKS = 40; // like the kernel's MAXSYMLINKS
  private static final long MAX_RELEASE_FILE = 64 * 1024;

  /** Whether {@code dir} looks like a root filesystem: it has an rpm database directory. */
  public static boolean looksLikeRoot(Path dir) {
    RootFilesystem fs = new RootFilesystem(dir);
    for (String d : RPMDB_DIRS) {
      if (fs.resolve(d).filter(Files::isDirectory).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The rpm database directories that exist, in {@link #RPMDB_DIRS} order. */
  public java.util.List<Path> rpmdbDirs() {
    java.util.List<Path> out = new java.util.ArrayList<>();
    for (String d : RPMDB_DIRS) {
      resolve(d).filter(Files::isDirectory).ifPresent(out::add);
    }
    return out;
  }

  /**
   * os-release(5) fields from {@code etc/os-release} (else {@code usr/lib/os-release}), plus {@code
   * SYSTEM_RELEASE} and {@code ALINUX_RELEASE}: the first line of {@code etc/system-release} and
   * {@code etc/alinux-release} (what Alibaba's OVAL platform test reads).
   */
  public OsRelease osRelease() {
    Map<String, String> fields = new LinkedHashMap<>();
    Optional<Path> osr = resolve("etc/os-release").filter(Files::isRegularFile);
    if (osr.isEmpty()) {
      osr = resolve("usr/lib/os-release").filter(Files::isRegularFile);
    }
    osr.ifPresent(p -> fields.putAll(parseOsRelease(readSmall(p))));
    resolve("etc/system-release")
        .filter(Files::isRegularFile)
        .map(p -> firstLine(readSmall(p)))
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> fields.put("SYSTEM_RELEASE", s));
    resolve("etc/alinux-release")
        .filter(Files::isRegularFile)
        .map(p -> firstLine(readSmall(p)))
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> fields.put("ALINUX_RELEASE", s));
    return new OsRelease(fields);
  }

  /** {@code etc/hostname}'s first line, if there is one. */
  public Optional<String> hostname() {
    return resolve("etc/hostname")
        .filter(Files::isRegularFile)
        .map(p -> firstLine(readSmall(p)))
        .filter(s -> !s.isEmpty());
  }

  /**
   * The real path of {@code relative} inside the root, following symlinks as the host would; empty
   * when it does not exist or a link chain is too long.
   */
  public Optional<Path> resolve(String relative) {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, relative);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path p = join(done).resolve(part);
      if (Files.isSymbolicLink(p)) {
        if (++links > MAX_LINKS) {
          return Optional.empty();
        }
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          return Optional.empty();
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
        continue;
      }
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      done.addLast(part);
    }
    return Optional.of(join(done));
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private Path join(Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  private static String readSmall(Path p) {
    try {
      if (Files.size(p) > MAX_RELEASE_FILE) {
        return "";
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      return ""; // not text: treated as absent
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /**
   * os-release(5): {@code KEY=VALUE} lines; '#' comments and blank lines ignored; the value may be
   * in double or single quotes, and inside double quotes a backslash escapes {@code $ " \ `}.
   */
  static Map<String, String> parseOsRelease(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String v = line.substring(eq + 1).strip();
      if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
          char c = v.charAt(i);
          if (c == '\\' && i + 1 < v.length() - 1 && "$\"\\`".indexOf(v.charAt(i + 1)) >= 0) {
            c = v.charAt(++i);
          }
          b.append(c);
        }
        v = b.toString();
      } else if (v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\'') {
        v = v.substring(1, v.length() - 1);
      }
      out.put(key, v);
    }
    return out;
  }
}
