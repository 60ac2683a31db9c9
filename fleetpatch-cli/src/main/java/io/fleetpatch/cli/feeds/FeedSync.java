package io.fleetpatch.cli.feeds;

import io.fleetpatch.advisory.store.AdvisoryRepository;
import io.fleetpatch.advisory.store.FetchState;
import io.fleetpatch.advisory.store.FetchStateRepository;
import io.fleetpatch.advisory.store.ImportOutcome;
import io.fleetpatch.advisory.updateinfo.RepoDataFile;
import io.fleetpatch.advisory.updateinfo.Repomd;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Syncs one {@link FeedSource} into the store: mirror.list → repository base URL →
 * repodata/repomd.xml (conditional GET) → the updateinfo it locates, checked against repomd's
 * checksum and size → one import. The validators (ETag, Last-Modified) are stored only after the
 * import succeeded, so a failed sync is retried in full next time. The way yum and dnf do it (yum's
 * {@code yumRepo.py}, librepo's {@code lr_download_repo}).
 */
public final class FeedSync {
  /** What syncing a source did. */
  public record Outcome(FeedSource source, String status, LoadedFeed feed, ImportOutcome result) {}

  private final HttpFetcher http;
  private final FeedLoader loader;
  private final AdvisoryRepository advisories;
  private final FetchStateRepository states;
  private final Path work;

  public FeedSync(
      HttpFetcher http,
      FeedLoader loader,
      AdvisoryRepository advisories,
      FetchStateRepository states,
      Path work) {
    this.http = http;
    this.loader = loader;
    this.advisories = advisories;
    this.states = states;
    this.work = work;
  }

  /**
   * @throws IOException when the source cannot be fetched
   * @throws ProblemException when what it serves is malformed or fails its checksum
   */
  public Outcome sync(FeedSource source, String repoOverride) throws IOException {
    String repoId = repoOverride != null ? repoOverride : source.repoId();
    Path dir = Files.createTempDirectory(work, "sync");
    return switch (source.type()) {
      case FILE -> syncFile(source, repoId, dir);
      case REPOSITORY -> syncRepository(source, source.url(), repoId, dir);
      case MIRROR_LIST -> {
        IOException last = null;
        for (URI base : mirrors(source, dir)) {
          try {
            yield syncRepository(source, base, repoId, dir);
          } catch (IOException e) {
            last = e; // yum goes on to the next mirror of the list
          }
        }
        throw last;
      }
    };
  }

  private Outcome syncFile(FeedSource source, String repoId, Path dir) throws IOException {
    String name = Path.of(source.url().getPath()).getFileName().toString();
    HttpFetcher.Result r =
        http.get(source.url(), states.find(source.url().toString()), dir.resolve(name));
    if (r instanceof HttpFetcher.Result.Fetched f) {
      LoadedFeed feed =
          loader.load(f.file(), repoId, source.url().toString(), f.state().fetchedAt());
      ImportOutcome o = feed.importInto(advisories);
      states.save(f.state());
      return new Outcome(source, status(o), feed, o);
    }
    return new Outcome(source, "not modified", null, null);
  }

  /** The base URLs a mirror.list names, in order ({@code $basearch} is x86_64). */
  private List<URI> mirrors(FeedSource source, Path dir) throws IOException {
    HttpFetcher.Result r = http.get(source.url(), Optional.empty(), dir.resolve("mirror.list"));
    Path file = ((HttpFetcher.Result.Fetched) r).file();
    List<URI> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      s = s.replace("$basearch", "x86_64");
      try {
        out.add(URI.create(s.endsWith("/") ? s : s + "/"));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(
            Problem.at(
                source.url().toString(), "line " + (out.size() + 1), "not a URL: '" + s + "'"));
      }
    }
    if (out.isEmpty()) {
      throw new ProblemException(
          Problem.of(source.url().toString(), "mirror list names no repository"));
    }
    return out;
  }

  private Outcome syncRepository(FeedSource source, URI base, String repoId, Path dir)
      throws IOException {
    URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
    URI repomdUri = root.resolve("repodata/repomd.xml");
    Path repomdFile = dir.resolve("repo").resolve("repodata").resolve("repomd.xml");
    HttpFetcher.Result r = http.get(repomdUri, states.find(repomdUri.toString()), repomdFile);
    if (r instanceof HttpFetcher.Result.NotModified) {
      return new Outcome(source, "not modified", null, null);
    }
    FetchState repomdState = ((HttpFetcher.Result.Fetched) r).state();
    Repomd repomd = Repomd.read(repomdFile);
    RepoDataFile entry =
        repomd
            .updateinfo()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            repomdUri.toString(),
                            "repomd.xml lists no updateinfo (no <data type=\"updateinfo\">)")));
    Path local = entry.resolve(repomdFile);
    URI updateinfoUri = root.resolve(entry.href());
    HttpFetcher.Result u = http.get(updateinfoUri, Optional.empty(), local);
    FetchState updateinfoState = ((HttpFetcher.Result.Fetched) u).state();
    LoadedFeed feed;
    try {
      // checks the checksum and size that repomd.xml gives, then parses
      feed = loader.load(repomdFile, repoId, updateinfoUri.toString(), updateinfoState.fetchedAt());
    } catch (ProblemException e) {
      throw new ProblemException(e.problem().within(repomdUri.toString()), e);
    }
    ImportOutcome o = feed.importInto(advisories);
    states.save(repomdState);
    states.save(updateinfoState);
    return new Outcome(source, status(o), feed, o);
  }

  private static String status(ImportOutcome o) {
    return o.skipped() ? "unchanged (same bytes as the latest import)" : "imported";
  }
}
