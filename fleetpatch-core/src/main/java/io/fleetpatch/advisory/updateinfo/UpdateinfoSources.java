package io.fleetpatch.advisory.updateinfo;

import io.fleetpatch.advisory.AdvisorySource;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@link AdvisorySource} (release, yum repo id) an updateinfo file belongs to: from the repo
 * id the caller knows, else from the {@code <collection short="...">} of each update.
 *
 * <p>Repo ids (what a host has in /etc/yum.repos.d, or a folder name of the shared data set, which
 * adds the release where the repo id alone is ambiguous):
 *
 * <table>
 *   <caption>repo id → source</caption>
 *   <tr><th>repo id</th><th>source</th></tr>
 *   <tr><td>{@code release/repo}</td><td>as written</td></tr>
 *   <tr><td>{@code amzn-main}, {@code amzn-updates}</td><td>(1, same)</td></tr>
 *   <tr><td>{@code amzn2-core}, {@code amzn2extra-<topic>}</td><td>(2, same)</td></tr>
 *   <tr><td>{@code amazonlinux-2022}, {@code amazonlinux-2023}</td>
 *       <td>(2022 or 2023, {@code amazonlinux})</td></tr>
 *   <tr><td>{@code amazonlinux-2023-<repo>}, e.g. {@code amazonlinux-2023-kernel-livepatch}</td>
 *       <td>(2023, {@code <repo>})</td></tr>
 *   <tr><td>anything else, e.g. {@code amazonlinux}, {@code baseos}</td>
 *       <td>(release from the collection, the id as given)</td></tr>
 * </table>
 *
 * <p>Collection short names (Amazon's are listed in the AL2/AL2023 updateinfo files; "---"
 * separates the extras topic, see the AL2 extras catalogue and the AL2023 user guide, "Kernel Live
 * Patching on AL2023"):
 *
 * <table>
 *   <caption>collection short name → source</caption>
 *   <tr><th>collection</th><th>source</th></tr>
 *   <tr><td>{@code amazon-linux-ami}, {@code amazon-linux} (AL1)</td><td>(1, amzn-updates)</td></tr>
 *   <tr><td>{@code amazon-linux-2}</td><td>(2, amzn2-core)</td></tr>
 *   <tr><td>{@code amazon-linux-2---<topic>}</td><td>(2, amzn2extra-{@code <topic>})</td></tr>
 *   <tr><td>{@code amazon-linux-2022}, {@code amazon-linux-2023}</td>
 *       <td>(2022 or 2023, amazonlinux)</td></tr>
 *   <tr><td>{@code amazon-linux-2023---<repo>}, e.g. {@code ---kernel-livepatch}, {@code
 *       ---nvidia}</td><td>(2023, {@code <repo>})</td></tr>
 *   <tr><td>{@code rocky-linux-<N>-<arch>-<repo>-rpms}</td><td>(rocky{@code N}, {@code
 *       <repo>})</td></tr>
 *   <tr><td>{@code almalinux-<N>-for-<arch>-<repo>-rpms[__stream]}</td><td>(alma{@code N},
 *       {@code <repo>})</td></tr>
 *   <tr><td>{@code RL<N>} (Rocky 8's older files)</td><td>(rocky{@code N}, no repo)</td></tr>
 * </table>
 *
 * <p>The collection does not always name the yum repo exactly: the AL2 extras topic folder {@code
 * amzn2extra-aws-nitro-enclaves-cli} publishes {@code amazon-linux-2---nitro-enclaves} and {@code
 * amzn2extra-unbound1.13} publishes {@code amazon-linux-2---unbound}; topic names are lower-cased
 * ({@code GraphicsMagick1.3}). A repo id given by the caller therefore always wins.
 */
public final class UpdateinfoSources {
  private static final Pattern AL2022_PLUS = Pattern.compile("amazonlinux-(20\\d\\d)(?:-(.+))?");
  private static final Pattern AMAZON_COLLECTION =
      Pattern.compile("amazon-linux-(2|20\\d\\d)(?:---(.+))?");
  private static final Pattern ROCKY =
      Pattern.compile("rocky-linux-(\\d+)-[a-z0-9_-]+?-([a-z]+)-rpms.*");
  private static final Pattern ALMA =
      Pattern.compile("almalinux-(\\d+)-for-[a-z0-9_]+-([a-z]+)-rpms.*");
  private static final Pattern RL = Pattern.compile("RL(\\d+)");

  private UpdateinfoSources() {}

  /**
   * The source a repo id (or {@code release/repo}) names, if it tells the release; empty when only
   * the collection can tell it.
   */
  public static Optional<AdvisorySource> forRepoId(String repoId) {
    if (repoId.indexOf('/') >= 0) {
      return Optional.of(AdvisorySource.parse(repoId));
    }
    if (repoId.equals("amzn-main") || repoId.equals("amzn-updates")) {
      return Optional.of(new AdvisorySource("1", repoId));
    }
    if (repoId.equals("amzn2-core") || repoId.startsWith("amzn2extra-")) {
      return Optional.of(new AdvisorySource("2", repoId));
    }
    Matcher m = AL2022_PLUS.matcher(repoId);
    if (m.matches()) {
      return Optional.of(
          new AdvisorySource(m.group(1), m.group(2) == null ? "amazonlinux" : m.group(2)));
    }
    return Optional.empty();
  }

  /** What a collection short name tells: the release, and the repo id where it names one. */
  public record FromCollection(String release, Optional<String> repo) {}

  /** Reads a collection short name; empty when it is not one of the table's. */
  public static Optional<FromCollection> forCollection(String shortName) {
    String s = shortName.trim();
    if (s.equals("amazon-linux-ami") || s.equals("amazon-linux")) {
      return known("1", "amzn-updates");
    }
    Matcher m = AMAZON_COLLECTION.matcher(s);
    if (m.matches()) {
      String release = m.group(1);
      String topic = m.group(2);
      if (release.equals("2")) {
        return known("2", topic == null ? "amzn2-core" : "amzn2extra-" + topic);
      }
      return known(release, topic == null ? "amazonlinux" : topic);
    }
    m = ROCKY.matcher(s.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      return known("rocky" + m.group(1), m.group(2));
    }
    m = ALMA.matcher(s.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      return known("alma" + m.group(1), m.group(2));
    }
    m = RL.matcher(s);
    if (m.matches()) {
      return Optional.of(new FromCollection("rocky" + m.group(1), Optional.empty()));
    }
    return Optional.empty();
  }

  private static Optional<FromCollection> known(String release, String repo) {
    return Optional.of(new FromCollection(release, Optional.of(repo)));
  }
}
