package io.fleetpatch.cli.scan;

import io.fleetpatch.inventory.collect.InventorySources;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the SOURCE arguments of {@code scan} and {@code livepatch status} into one inventory
 * source per host:
 *
 * <ul>
 *   <li>a file: one host (inventory JSON, {@code rpm -qa} text, an rpmdb file);
 *   <li>a directory that is a root filesystem or holds an rpm database: one host;
 *   <li>a fleet file ({@code *.fleet}): one SOURCE per line, relative to the file, '#' comments;
 *   <li>a fleetgen fleet directory ({@code fleet.json} + {@code hosts/}): its {@code
 *       hosts/*.inventory.json};
 *   <li>any other directory: every {@code *.json} file in it and below, sorted.
 * </ul>
 */
public final class FleetSources {
  private FleetSources() {}

  public static List<Path> expand(List<Path> args) {
    List<Path> out = new ArrayList<>();
    for (Path p : args) {
      expand(p, out, 0);
    }
    return out;
  }

  private static void expand(Path p, List<Path> out, int depth) {
    if (depth > 8) {
      throw new ProblemException(Problem.of(p.toString(), "fleet files nest too deep"));
    }
    if (!Files.exists(p)) {
      throw new UncheckedIOException(new NoSuchFileException(p.toString()));
    }
    if (Files.isRegularFile(p)) {
      if (p.getFileName().toString().endsWith(".fleet")) {
        fleetFile(p, out, depth);
      } else {
        out.add(p);
      }
      return;
    }
    if (Files.isRegularFile(p.resolve("fleet.json")) && Files.isDirectory(p.resolve("hosts"))) {
      jsonFiles(p.resolve("hosts"), out);
      return;
    }
    try {
      InventorySources.detect(p);
      out.add(p);
      return;
    } catch (ProblemException notOneHost) {
      // a plain directory of inventories
    }
    int before = out.size();
    jsonFiles(p, out);
    if (out.size() == before) {
      throw new ProblemException(
          Problem.of(
              p.toString(),
              "directory is not a root filesystem or rpmdb and holds no *.json inventories"));
    }
  }

  private static void jsonFiles(Path dir, List<Path> out) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fleetFile(Path file, List<Path> out, int depth) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path base = file.toAbsolutePath().getParent();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i);
      int hash = t.indexOf('#');
      t = (hash >= 0 ? t.substring(0, hash) : t).strip();
      if (t.isEmpty()) {
        continue;
      }
      Path p = base.resolve(t);
      if (!Files.exists(p)) {
        throw new ProblemException(
            Problem.at(file.toString(), "line " + (i + 1), "no such file: '" + t + "'"));
      }
      expand(p, out, depth + 1);
    }
  }
}
