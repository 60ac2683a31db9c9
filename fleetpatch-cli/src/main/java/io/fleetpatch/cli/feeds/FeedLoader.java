package io.fleetpatch.cli.feeds;

import io.fleetpatch.advisory.Advisory;
import io.fleetpatch.advisory.Feed;
import io.fleetpatch.advisory.oval.OvalParser;
import io.fleetpatch.advisory.rss.RssFeed;
import io.fleetpatch.advisory.rss.RssItem;
import io.fleetpatch.advisory.rss.RssParser;
import io.fleetpatch.advisory.store.FeedImport;
import io.fleetpatch.advisory.store.FeedKind;
import io.fleetpatch.advisory.updateinfo.RepoDataFile;
import io.fleetpatch.advisory.updateinfo.Repomd;
import io.fleetpatch.advisory.updateinfo.UpdateinfoParser;
import io.fleetpatch.problem.Problem;
import io.fleetpatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a feed file of any supported kind (told by {@link FeedSniffer}) into a {@link LoadedFeed}
 * with its provenance: the {@code sha256:} of the bytes, the source, and the feed key.
 */
public final class FeedLoader {
  private final UpdateinfoParser updateinfo = new UpdateinfoParser();
  private final OvalParser oval = new OvalParser();
  private final RssParser rss = new RssParser();

  /**
   * @param repoId the repo id ({@code amzn2-core} or {@code 2/amzn2-core}) updateinfo advisories
   *     belong to, or null to tell it from the file's collections
   * @param source what to record as the source (a URL for fetched files), or null for the path
   * @param fetchedAt when the file was fetched, or null for a local file
   */
  public LoadedFeed load(Path file, String repoId, String source, Instant fetchedAt) {
    FileKind kind = FeedSniffer.kind(file);
    String src = source != null ? source : file.toString();
    return switch (kind) {
      case UPDATEINFO -> {
        Feed feed = updateinfo.read(file, repoId);
        yield advisories(FeedKind.UPDATEINFO, feed, sha256(file), src, fetchedAt, repoId);
      }
      case REPOMD -> {
        // the bytes imported are the updateinfo's; its checksum is checked against repomd.xml
        Repomd repomd = Repomd.read(file);
        RepoDataFile entry =
            repomd
                .updateinfo()
                .orElseThrow(
                    () ->
                        new ProblemException(
                            Problem.of(
                                file.toString(),
                                "repomd.xml lists no updateinfo (no <data type=\"updateinfo\">)")));
        Path data = entry.resolve(file);
        Feed feed = updateinfo.readRepo(file, repoId, true);
        yield advisories(FeedKind.UPDATEINFO, feed, sha256(data), src, fetchedAt, repoId);
      }
      case OVAL -> {
        // the release is told by each definition's platform test (OvalReleases)
        Feed feed = oval.read(file, null);
        yield advisories(FeedKind.OVAL, feed, sha256(file), src, fetchedAt, null);
      }
      case RSS -> {
        RssFeed rss = this.rss.read(file);
        List<Advisory> bulletins = rss.items().stream().map(RssItem::toAdvisory).toList();
        yield advisories(
            FeedKind.RSS, new Feed(bulletins, rss.warnings()), sha256(file), src, fetchedAt, null);
      }
      case KEV, EPSS ->
          throw new ProblemException(
              Problem.of(
                  file.toString(),
                  kind.name() + " feeds are recognised but their import is not built yet"));
    };
  }

  private static LoadedFeed advisories(
      FeedKind kind, Feed feed, String checksum, String source, Instant fetchedAt, String repoId) {
    return new LoadedFeed.Advisories(
        new FeedImport(
            kind, feedKey(kind, feed.advisories(), repoId, source), source, checksum, fetchedAt),
        feed.advisories(),
        feed.warnings());
  }

  /**
   * Which feed this is: the advisory sources it holds ({@code 2/amzn2-core}), so that the same feed
   * fetched from another mirror or path is recognised; for an empty feed the repo id or source.
   */
  static String feedKey(FeedKind kind, List<Advisory> advisories, String repoId, String source) {
    TreeSet<String> sources = new TreeSet<>();
    for (Advisory a : advisories) {
      sources.add(a.source().toString());
    }
    if (!sources.isEmpty()) {
      return String.join(",", sources);
    }
    return kind + ":" + (repoId != null ? repoId : source);
  }

  /** {@code sha256:<hex>} of a file's bytes. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return "sha256:" + HexFormat.of().formatHex(digest(in));
    } catch (NoSuchFileException e) {
      throw new ProblemException(Problem.of(file.toString(), "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] digest(InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (DigestInputStream d = new DigestInputStream(in, md)) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return md.digest();
  }
}
