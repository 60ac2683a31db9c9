package io.fleetpatch.inventory.collect;

import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies container image layers in order, keeping only the few paths an inventory needs (the rpm
 * database, release files, yum repo files, hostname), then lays them out as a symlink-free root
 * filesystem for {@link RootFilesystem}. Layer semantics follow the OCI image spec, "Image Layer
 * Filesystem Changeset" (image-spec/layer.md): entries of a later layer replace earlier ones; a
 * file {@code .wh.<name>} deletes {@code <name>} of the lower layers ("Whiteouts"), {@code
 * .wh..wh..opq} deletes all lower-layer children of its directory ("Opaque Whiteout"), and
 * "whiteout files MUST only apply to resources in lower/parent layers".
 *
 * <p>Symlinks are kept in memory, never created on disk, and resolved inside the image root only
 * (an absolute target starts at the image root, {@code ..} stops at it), so a hostile image cannot
 * make us read the scanning machine's files. Entry names with a {@code ..} component are refused.
 */
final class ImageLayers implements AutoCloseable {
  /** Regular files kept (paths inside the image, no leading slash). */
  private static final Set<String> KEPT_DIRS =
      Set.of("var/lib/rpm", "usr/lib/sysimage/rpm", YumRepos.REPOS_DIR);

  private static final Set<String> RPMDB_FILES = Set.of("Packages", "rpmdb.sqlite", "Packages.db");

  /** Per-file limits: an rpm database may be large, the text files are small. */
  static final long MAX_RPMDB_BYTES = 4L << 30;

  static final long MAX_SMALL_BYTES = 1L << 20;
  private static final int MAX_SYMLINKS = 1_000_000;

  /** Bounds on what is written to the temp dir, whatever a hostile image holds. */
  static final int MAX_KEPT_FILES = 10_000;

  static final long MAX_KEPT_BYTES = 8L << 30;

  private long keptBytes;
  private static final int MAX_LINK_HOPS = 40; // the kernel's MAXSYMLINKS

  private final Path staging;
  private final Map<String, Path> files = new TreeMap<>();
  private final Map<String, String> symlinks = new HashMap<>();
  private int stagedCount;

  /** yum.repos.d directory entries seen (an empty one still means "no repos enabled"). */
  private final Set<String> dirSeen = new HashSet<>();

  ImageLayers(Path tempParent) {
    try {
      staging =
          tempParent == null
              ? Files.createTempDirectory("fleetpatch-image")
              : Files.createTempDirectory(tempParent, "fleetpatch-image");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an image path is one we keep. */
  static boolean wanted(String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    if (dir.equals("var/lib/rpm") || dir.equals("usr/lib/sysimage/rpm")) {
      return RPMDB_FILES.contains(name);
    }
    if (dir.equals(YumRepos.REPOS_DIR)) {
      return name.endsWith(".repo");
    }
    if (dir.equals("etc")) {
      return name.equals("hostname") || name.endsWith("-release") || name.equals("os-release");
    }
    return dir.equals("usr/lib") && name.endsWith("-release");
  }

  /**
   * Applies one layer: {@code tar} is its uncompressed stream. {@code file} and {@code layer} name
   * it in problems.
   */
  void apply(InputStream tar, String file, String layer) {
    Set<String> thisLayer = new HashSet<>();
    TarArchiveInputStream in = new TarArchiveInputStream(tar);
    try {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String path = clean(e.getName(), file, layer);
        if (path.isEmpty()) {
          continue;
        }
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        if (name.equals(".wh..wh..opq")) {
          removeUnder(dir, thisLayer);
          continue;
        }
        if (name.startsWith(".wh.")) {
          String target = (dir.isEmpty() ? "" : dir + "/") + name.substring(4);
          if (!thisLayer.contains(target)) {
            remove(target);
          }
          removeUnder(target, thisLayer);
          continue;
        }
        // a later entry replaces whatever was at its path (and a non-directory hides the subtree)
        remove(path);
        if (!e.isDirectory()) {
          removeUnder(path, thisLayer);
        }
        thisLayer.add(path);
        if (e.isDirectory() && name.equals("yum.repos.d")) {
          dirSeen.add(path);
        }
        if (e.isSymbolicLink()) {
          if (symlinks.size() >= MAX_SYMLINKS) {
            throw problem(file, layer, "more than " + MAX_SYMLINKS + " symlinks");
          }
          symlinks.put(path, e.getLinkName());
        } else if (e.isLink()) {
          String target = clean(e.getLinkName(), file, layer);
          Path from = files.get(target);
          if (from != null && wanted(path)) {
            Path to = staging.resolve("f" + stagedCount++);
            Files.copy(from, to);
            files.put(path, to);
          }
        } else if (e.isFile() && wanted(path)) {
          long limit = RPMDB_FILES.contains(name) ? MAX_RPMDB_BYTES : MAX_SMALL_BYTES;
          if (e.getSize() > limit) {
            throw problem(
                file, layer, path + " is " + e.getSize() + " bytes, over the " + limit + " limit");
          }
          keptBytes += e.getSize();
          if (stagedCount >= MAX_KEPT_FILES || keptBytes > MAX_KEPT_BYTES) {
            throw problem(
                file,
                layer,
                "more than " + MAX_KEPT_FILES + " files or " + MAX_KEPT_BYTES + " bytes to keep");
          }
          Path to = staging.resolve("f" + stagedCount++);
          long n = Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
          if (n != e.getSize()) {
            throw problem(file, layer, "truncated tar: " + path + " ends early");
          }
          files.put(path, to);
        }
      }
    } catch (IOException e) {
      throw problem(file, layer, "unreadable layer tar (truncated or corrupt): " + e.getMessage());
    }
  }

  /** {@code ./a//b/} -> {@code a/b}; a {@code ..} component is a problem. */
  static String clean(String name, String file, String layer) {
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        throw problem(file, layer, "entry '" + name + "' escapes the image root ('..')");
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  private void remove(String path) {
    symlinks.remove(path);
    dirSeen.remove(path);
    Path f = files.remove(path);
    if (f != null) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Removes the lower-layer entries strictly below {@code dir} ("" = the whole root). */
  private void removeUnder(String dir, Set<String> keep) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (String p : new ArrayList<>(files.keySet())) {
      if (p.startsWith(prefix) && !keep.contains(p)) {
        remove(p);
      }
    }
    symlinks.keySet().removeIf(p -> p.startsWith(prefix) && !keep.contains(p));
    dirSeen.removeIf(p -> p.startsWith(prefix) && !keep.contains(p));
  }

  /**
   * Lays out the kept paths as a root filesystem under a new directory (inside the staging one),
   * following the image's symlinks inside the image: {@code etc/os-release ->
   * ../usr/lib/os-release} becomes a regular {@code etc/os-release}.
   */
  Path materialize() {
    Path root = staging.resolve("root");
    try {
      Files.createDirectories(root);
      for (String dir : KEPT_DIRS) {
        String real = resolve(dir);
        if (real == null) {
          continue;
        }
        String prefix = real.isEmpty() ? "" : real + "/";
        List<String> children = new ArrayList<>();
        for (String p : files.keySet()) {
          if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
            children.add(p.substring(prefix.length()));
          }
        }
        for (String p : symlinks.keySet()) {
          if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
            children.add(p.substring(prefix.length()));
          }
        }
        boolean any = false;
        for (String child : children) {
          if (wanted(dir + "/" + child)) {
            any |= place(root, dir + "/" + child, real + "/" + child);
          }
        }
        if (any || dir.equals(YumRepos.REPOS_DIR) && hasDir(real)) {
          Files.createDirectories(root.resolve(dir));
        }
      }
      for (String f :
          List.of(
              "etc/os-release",
              "usr/lib/os-release",
              "etc/system-release",
              "etc/alinux-release",
              "etc/hostname")) {
        place(root, f, f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private boolean hasDir(String real) {
    String prefix = real + "/";
    return files.keySet().stream().anyMatch(p -> p.startsWith(prefix))
        || symlinks.keySet().stream().anyMatch(p -> p.startsWith(prefix))
        || dirSeen.contains(real);
  }

  private boolean place(Path root, String logical, String inImage) throws IOException {
    String real = resolve(inImage);
    Path from = real == null ? null : files.get(real);
    if (from == null) {
      return false;
    }
    Path to = root.resolve(logical);
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  /**
   * The image path {@code path} points to once every symlink on the way is followed inside the
   * image; null when a chain is longer than {@value #MAX_LINK_HOPS} links.
   */
  String resolve(String path) {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    Deque<String> done = new ArrayDeque<>();
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      done.addLast(part);
      String target = symlinks.get(String.join("/", done));
      if (target != null) {
        if (++hops > MAX_LINK_HOPS) {
          return null;
        }
        done.pollLast();
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
      }
    }
    return String.join("/", done);
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  static ProblemException problem(String file, String layer, String message) {
    return new ProblemException(Problem.at(file, layer, message));
  }

  /** Deletes the staging directory and everything in it. */
  @Override
  public void close() {
    try {
      if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      Files.walkFileTree(
          staging,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              Files.delete(f);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
