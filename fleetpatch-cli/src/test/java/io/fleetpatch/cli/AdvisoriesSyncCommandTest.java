package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetpatch.cli.feeds.DefaultFeedSources;
import io.fleetpatch.cli.feeds.FeedSource;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import io.fleetpatch.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * advisories sync against a local HTTP server (127.0.0.1 only) that serves mirror lists and yum
 * repositories built from shared/data, with ETags, Last-Modified and injected failures.
 */
class AdvisoriesSyncCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  HttpServer server;
  Path docroot;
  final AtomicInteger failNext = new AtomicInteger();
  final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws Exception {
    docroot = Files.createDirectories(dir.resolve("www"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    // AL2-style layout: a mirror list naming the repository, as cdn.amazonlinux.com serves it
    LocalRepo.build(
        docroot.resolve("2/extras/docker/repo"),
        SharedData.data("amazon/updateinfo/amzn2extra-docker/updateinfo.xml.gz"));
    Files.writeString(
        docroot.resolve("2/extras/docker/mirror.list"), base() + "2/extras/docker/repo\n");
    LocalRepo.build(
        docroot.resolve("al2023/kernel-livepatch/repo"),
        SharedData.data("amazon/updateinfo/amazonlinux-2023-kernel-livepatch/updateinfo.xml.gz"));
    Files.writeString(
        docroot.resolve("al2023/kernel-livepatch/mirror.list"),
        base() + "al2023/kernel-livepatch/$basearch/../repo/\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.add(
        ex.getRequestMethod()
            + " "
            + ex.getRequestURI().getPath()
            + (ex.getRequestHeaders().containsKey("If-None-Match") ? " conditional" : ""));
    try (ex) {
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      Path file = docroot.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(docroot) || !Files.isRegularFile(file)) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String etag = "\"" + LocalRepo.sha256(body).substring(0, 16) + "\"";
      ex.getResponseHeaders().add("ETag", etag);
      ex.getResponseHeaders().add("Last-Modified", "Fri, 14 Feb 2025 00:00:00 GMT");
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  String db() {
    return dir.resolve("store.db").toString();
  }

  String digest() {
    try (Database d = Database.open(DatabaseTarget.sqlite(Path.of(db())))) {
      return d.contentDigest();
    }
  }

  CliRun sync(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("advisories", "sync", "--db", db(), "--format", "json", "--backoff", "10"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void syncFollowsMirrorListsVerifiesAndImportsThenAsksConditionally() throws Exception {
    CliRun first =
        sync(
            "--mirror",
            base() + "2/extras/docker/mirror.list",
            base() + "al2023/kernel-livepatch/mirror.list");
    assertThat(first.code()).as(first.err()).isZero();
    JsonNode rows = JSON.readTree(first.out());
    assertThat(rows.get(0).get("status").asText()).isEqualTo("imported");
    assertThat(rows.get(0).get("feed").asText()).isEqualTo("2/amzn2extra-docker");
    assertThat(rows.get(0).get("added").asInt()).isEqualTo(49);
    assertThat(rows.get(1).get("feed").asText()).isEqualTo("2023/kernel-livepatch");
    assertThat(rows.get(1).get("added").asInt()).isEqualTo(38);
    String afterFirst = digest();
    requests.clear();

    CliRun second =
        sync(
            "--mirror",
            base() + "2/extras/docker/mirror.list",
            base() + "al2023/kernel-livepatch/mirror.list");

    assertThat(second.code()).as(second.err()).isZero();
    JSON.readTree(second.out())
        .forEach(r -> assertThat(r.get("status").asText()).isEqualTo("not modified"));
    assertThat(requests).contains("GET /2/extras/docker/repo/repodata/repomd.xml conditional");
    assertThat(requests).noneMatch(r -> r.contains("updateinfo.xml.gz"));
    assertThat(digest()).isEqualTo(afterFirst);
  }

  @Test
  void aChangedRepositoryIsFetchedAgainAndOnlyItsChangesImported() throws Exception {
    String mirror = base() + "2/extras/docker/mirror.list";
    assertThat(sync("--mirror", mirror).code()).isZero();
    // the repository is republished with another feed (the docker feed plus nothing new, other
    // bytes: recompressed): repomd.xml changes, so it is fetched in full and the import finds
    // nothing new
    Path repo = docroot.resolve("2/extras/docker/repo");
    Path gz =
        Files.list(repo.resolve("repodata"))
            .filter(p -> p.toString().endsWith(".gz"))
            .findFirst()
            .orElseThrow();
    Path recompressed = dir.resolve("re.xml.gz");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz));
        var out =
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(recompressed)) {
              {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
              }
            }) {
      in.transferTo(out);
    }
    deleteTree(repo);
    LocalRepo.build(repo, recompressed);

    CliRun r = sync("--mirror", mirror);

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode row = JSON.readTree(r.out()).get(0);
    assertThat(row.get("status").asText()).isEqualTo("imported");
    assertThat(row.get("added").asInt()).isZero();
    assertThat(row.get("changed").asInt()).isZero();
  }

  @Test
  void transientServerErrorsAreRetried() throws Exception {
    failNext.set(2);
    CliRun r =
        sync(
            "--mirror",
            base() + "2/extras/docker/repo/",
            "--repo",
            "amzn2extra-docker",
            "--attempts",
            "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get(0).get("added").asInt()).isEqualTo(49);
    assertThat(requests.subList(0, 3)).allMatch(q -> q.endsWith("repodata/repomd.xml"));

    failNext.set(5);
    CliRun gaveUp = sync("--mirror", base() + "2/extras/docker/repo/", "--attempts", "2");
    assertThat(gaveUp.code()).isEqualTo(ExitCode.IO);
    assertThat(gaveUp.err()).contains("HTTP 503", "after 2 attempts");
  }

  @Test
  void aChecksumMismatchExits3AndChangesNothing() throws Exception {
    Path repomd = docroot.resolve("2/extras/docker/repo/repodata/repomd.xml");
    String text = Files.readString(repomd);
    int at = text.indexOf("<checksum type=\"sha256\">") + "<checksum type=\"sha256\">".length();
    char c = text.charAt(at);
    Files.writeString(
        repomd, text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1));
    String before = digest();

    CliRun r = sync("--mirror", base() + "2/extras/docker/mirror.list");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.err()).contains("but repomd.xml says");
    assertThat(digest()).isEqualTo(before);
    // nothing was remembered: the next sync fetches in full again
    try (Database d = Database.open(DatabaseTarget.sqlite(Path.of(db())))) {
      assertThat(d.fetchStates().find(base() + "2/extras/docker/repo/repodata/repomd.xml"))
          .isEmpty();
    }
  }

  @Test
  void anUnreachableServerExits4WithAClearMessage() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String before = digest();
    CliRun r =
        sync("--mirror", "http://127.0.0.1:" + closed + "/2/core/mirror.list", "--attempts", "2");
    assertThat(r.code()).isEqualTo(ExitCode.IO);
    assertThat(r.err())
        .contains(
            "cannot connect to http://127.0.0.1:" + closed, "1 of 1 sources could not be fetched");
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void theBuiltInSourcesCoverEveryAmazonRepositoryAndAlibabaOval() {
    List<FeedSource> all = DefaultFeedSources.all();
    assertThat(all).allMatch(s -> s.url().getScheme().equals("https"));
    assertThat(all)
        .extracting(FeedSource::repoId)
        .contains(
            "amzn2-core",
            "amzn2extra-livepatch",
            "amzn2extra-kernel-5.10",
            "amazonlinux-2023",
            "amazonlinux-2023-kernel-livepatch",
            "amazonlinux-2023-nvidia");
    // every AL2 extras topic of the shared snapshot has its source
    List<String> folders;
    try (var s = Files.list(SharedData.data("amazon/updateinfo"))) {
      folders =
          s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("amzn2extra-")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(all).extracting(FeedSource::repoId).containsAll(folders);
    assertThat(all)
        .filteredOn(s -> s.type() == FeedSource.Type.FILE)
        .extracting(s -> s.url().getHost())
        .containsOnly("mirrors.aliyun.com")
        .hasSize(2);
  }

  @Test
  void mirrorUrlsAreToldByTheirShape() {
    record Case(String url, FeedSource.Type type, String why) {}
    for (Case c :
        List.of(
            new Case(
                "https://cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list",
                FeedSource.Type.MIRROR_LIST,
                "mirror.list"),
            new Case("http://127.0.0.1/repo/", FeedSource.Type.REPOSITORY, "a base URL"),
            new Case(
                "http://127.0.0.1/repo/repodata/repomd.xml",
                FeedSource.Type.REPOSITORY,
                "repomd.xml names its repository"),
            new Case(
                "https://mirrors.aliyun.com/alinux/cve/data/OVAL/alinux-4.oval.xml",
                FeedSource.Type.FILE,
                "a feed file"))) {
      assertThat(FeedSource.fromUrl(c.url(), null).type()).as(c.why()).isEqualTo(c.type());
    }
    assertThat(FeedSource.fromUrl("http://127.0.0.1/repo/repodata/repomd.xml", null).url())
        .hasToString("http://127.0.0.1/repo/");
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
