package io.fleetpatch.cli.feeds;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A feed to sync: a yum {@code mirror.list}, a repository base URL (with {@code
 * repodata/repomd.xml} below it), or a single feed file (an OVAL document).
 *
 * @param name a short name for messages
 * @param repoId the repo id its advisories belong to ({@code amzn2-core}, {@code
 *     amazonlinux-2023}), or null to tell it from the feed
 * @param url where it is
 */
public record FeedSource(String name, String repoId, URI url, Type type) {
  /** How the URL is read. */
  public enum Type {
    /** A text list of repository base URLs, one per line (yum's mirrorlist=). */
    MIRROR_LIST,
    /** A repository base URL. */
    REPOSITORY,
    /** One feed file. */
    FILE
  }

  public FeedSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(type, "type");
  }

  /** A {@code --mirror} URL: a mirror.list, a feed file (by its extension), else a repository. */
  public static FeedSource fromUrl(String url, String repoId) {
    URI uri = URI.create(url);
    String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
    Type type;
    if (path.endsWith("mirror.list") || path.endsWith("/mirrorlist")) {
      type = Type.MIRROR_LIST;
    } else if (path.matches(".*\\.(xml|json|csv)(\\.(gz|bz2|xz|zst))?$")
        && !path.endsWith("repomd.xml")) {
      type = Type.FILE;
    } else {
      if (path.endsWith("repodata/repomd.xml")) {
        uri = uri.resolve("..");
      }
      type = Type.REPOSITORY;
    }
    return new FeedSource(url, repoId, uri, type);
  }
}
