package io.fleetpatch.cli.feeds;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The feeds {@code fleetpatch advisories sync} fetches when no {@code --mirror} is given: the
 * public Amazon Linux repositories (x86_64; the updateinfo of x86_64 also lists the aarch64 rows)
 * and Alibaba Cloud Linux's OVAL.
 *
 * <ul>
 *   <li>AL2 core: {@code https://cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list}.
 *   <li>AL2 extras, one repository per amazon-linux-extras topic: {@code
 *       https://cdn.amazonlinux.com/2/extras/<topic>/latest/x86_64/mirror.list}, repo id {@code
 *       amzn2extra-<topic>}. The topics are the catalogue's ({@code
 *       http://amazonlinux.default.amazonaws.com/2/extras-catalog.json}) that publish advisories,
 *       as of the 2025-02-14 snapshot in shared/data/amazon/updateinfo; {@code livepatch} is AL2's
 *       kernel live patches.
 *   <li>AL2023: {@code https://cdn.amazonlinux.com/al2023/<repo>/mirrors/latest/x86_64/mirror.list}
 *       for {@code core} (repo id {@code amazonlinux}), {@code kernel-livepatch} and {@code
 *       nvidia}.
 *   <li>Alibaba Cloud Linux 3 and 4 OVAL: {@code
 *       https://mirrors.aliyun.com/alinux/cve/data/OVAL/alinux-<release>.oval.xml}.
 * </ul>
 *
 * These are the URLs vuls/goval-dictionary, claircore and vuls-data-update fetch from.
 */
public final class DefaultFeedSources {
  /** AL2 extras topics with advisories (repo id amzn2extra-TOPIC). */
  static final List<String> AL2_EXTRAS_TOPICS =
      List.of(
          "GraphicsMagick1.3",
          "R3.4",
          "R4",
          "ansible2",
          "aws-nitro-enclaves-cli",
          "corretto8",
          "dnsmasq",
          "docker",
          "ecs",
          "firefox",
          "golang1.19",
          "haproxy2",
          "httpd_modules",
          "java-openjdk11",
          "kernel-5.10",
          "kernel-5.15",
          "kernel-5.4",
          "libreoffice",
          "livepatch",
          "lynis",
          "mariadb10.5",
          "mate-desktop1.x",
          "mono",
          "nginx1",
          "php8.0",
          "php8.1",
          "php8.2",
          "postgresql11",
          "postgresql12",
          "postgresql13",
          "postgresql14",
          "python3.8",
          "redis6",
          "ruby2.6",
          "ruby3.0",
          "selinux-ng",
          "squid4",
          "tomcat8.5",
          "tomcat9",
          "unbound1.13",
          "unbound1.17");

  private DefaultFeedSources() {}

  public static List<FeedSource> all() {
    List<FeedSource> out = new ArrayList<>();
    out.add(
        mirror(
            "AL2 core",
            "amzn2-core",
            "https://cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list"));
    for (String topic : AL2_EXTRAS_TOPICS) {
      out.add(
          mirror(
              "AL2 extras " + topic,
              "amzn2extra-" + topic,
              "https://cdn.amazonlinux.com/2/extras/" + topic + "/latest/x86_64/mirror.list"));
    }
    out.add(al2023("core", "amazonlinux-2023"));
    out.add(al2023("kernel-livepatch", "amazonlinux-2023-kernel-livepatch"));
    out.add(al2023("nvidia", "amazonlinux-2023-nvidia"));
    for (String release : List.of("3.2104", "4")) {
      out.add(
          new FeedSource(
              "Alibaba Cloud Linux " + release + " OVAL",
              null,
              URI.create(
                  "https://mirrors.aliyun.com/alinux/cve/data/OVAL/alinux-"
                      + release
                      + ".oval.xml"),
              FeedSource.Type.FILE));
    }
    return out;
  }

  private static FeedSource al2023(String repo, String repoId) {
    return mirror(
        "AL2023 " + repo,
        repoId,
        "https://cdn.amazonlinux.com/al2023/" + repo + "/mirrors/latest/x86_64/mirror.list");
  }

  private static FeedSource mirror(String name, String repoId, String url) {
    return new FeedSource(name, repoId, URI.create(url), FeedSource.Type.MIRROR_LIST);
  }
}
