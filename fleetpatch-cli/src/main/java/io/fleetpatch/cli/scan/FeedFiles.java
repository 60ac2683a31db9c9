package io.fleetpatch.cli.scan;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.advisory.updateinfo.UpdateinfoSources;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Advisories parsed straight from updateinfo files ({@code --advisories FILE|DIR}). A directory is
 * searched for {@code updateinfo.xml*} files (any compression); the repo id of a file is its
 * folder's name, or the name above {@code repodata/} (the layout of a yum repository and of
 * shared/data/amazon/updateinfo/REPO/updateinfo.xml.gz).
 */
public final class FeedFiles implements AdvisorySupplier {
  private final List<Path> paths;
  private final java.util.Set<String> releases;

  public FeedFiles(List<Path> paths) {
    this(paths, null);
  }

  /**
   * @param releases when not null, skip files whose repo id names another release (AL2 hosts need
   *     no AL1 or AL2023 file); files whose release the id does not tell are always read
   */
  public FeedFiles(List<Path> paths, java.util.Set<String> releases) {
    this.paths = List.copyOf(paths);
    this.releases = releases == null ? null : java.util.Set.copyOf(releases);
  }

  private boolean wanted(Path f) {
    if (releases == null) {
      return true;
    }
    String id = repoIdOf(f);
    return id == null
        || UpdateinfoSources.forRepoId(id).map(s -> releases.contains(s.release())).orElse(true);
  }

  /** The updateinfo files under the given paths, sorted. */
  public static List<Path> files(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().startsWith("updateinfo.xml"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new UncheckedIOException(new NoSuchFileException(p.toString()));
      }
    }
    if (out.isEmpty()) {
      throw new ProblemException(
          Problem.of(paths.toString(), "no updateinfo.xml[.gz|.xz|.zst|.bz2] file found there"));
    }
    return out;
  }

  /** The repo id of a feed file: its folder's name, skipping a {@code repodata} folder. */
  static String repoIdOf(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (dir != null
        && dir.getFileName() != null
        && dir.getFileName().toString().equals("repodata")) {
      dir = dir.getParent();
    }
    return dir == null || dir.getFileName() == null ? null : dir.getFileName().toString();
  }

  @Override
  public Loaded load() {
    List<Path> files = files(paths).stream().filter(this::wanted).toList();
    record One(List<Advisory> advisories, List<Problem> warnings, byte[] digest) {}
    List<One> parsed =
        files.parallelStream()
            .map(
                f -> {
                  Feed feed = new UpdateinfoParser().read(f, repoIdOf(f));
                  return new One(feed.advisories(), feed.warnings(), digest(f));
                })
            .toList();
    List<Advisory> all = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    MessageDigest version = sha256();
    for (int i = 0; i < files.size(); i++) {
      all.addAll(parsed.get(i).advisories());
      warnings.addAll(parsed.get(i).warnings());
      version.update(String.valueOf(repoIdOf(files.get(i))).getBytes());
      version.update(parsed.get(i).digest());
    }
    String dv = "feeds:sha256:" + HexFormat.of().formatHex(version.digest()).substring(0, 16);
    return new Loaded(all, dv, warnings);
  }

  private static byte[] digest(Path f) {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return md.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
