package io.fleetpatch.advisory;

import java.util.Objects;

/**
 * Where an advisory was published: the OS release and the yum repo id (or feed) that carries it,
 * e.g. (2, amzn2-core), (2, amzn2extra-kernel-5.10), (2023, amazonlinux), (2023, kernel-livepatch),
 * (alinux3, oval). {@link #parse(String)} reads what {@link #toString()} writes: {@code
 * release/repo}.
 */
public record AdvisorySource(String release, String repo) {
  public AdvisorySource {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(repo, "repo");
    if (release.isEmpty() || repo.isEmpty() || release.indexOf('/') >= 0) {
      throw new IllegalArgumentException("bad advisory source '" + release + "/" + repo + "'");
    }
  }

  public static AdvisorySource parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("advisory source must be release/repo: '" + s + "'");
    }
    return new AdvisorySource(s.substring(0, slash), s.substring(slash + 1));
  }

  @Override
  public String toString() {
    return release + "/" + repo;
  }
}
