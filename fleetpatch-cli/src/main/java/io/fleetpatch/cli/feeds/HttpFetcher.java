package io.fleetpatch.cli.feeds;

import io.fleetpatch.advisory.store.FetchState;
import io.fleetpatch.cli.output.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * GETs feed files over HTTP(S) into local files: conditional requests from the stored validators
 * (RFC 9110 §13.1.2 If-None-Match, §13.1.3 If-Modified-Since; a 304 means the stored copy is
 * current), bounded retries with exponential backoff on connection failures, timeouts, 429 and 5xx
 * (RFC 9110 §15.6), a size limit, and a progress bar.
 */
public final class HttpFetcher {
  /** What a GET gave. */
  public sealed interface Result {
    /** 304: what was fetched before is still current. */
    record NotModified(URI uri) implements Result {}

    /** 200: the body is in {@code file}; {@code state} holds its validators and checksum. */
    record Fetched(URI uri, Path file, FetchState state) implements Result {}
  }

  private final HttpClient client;
  private final int attempts;
  private final Duration backoff;
  private final Duration timeout;
  private final long maxBytes;
  private final PrintWriter err;
  private final boolean progress;
  private final Clock clock;

  /**
   * @param attempts tries per request (at least 1)
   * @param backoff the wait before the second try; it doubles for each further one
   * @param maxBytes bodies larger than this fail (a feed is tens of MB at most)
   */
  public HttpFetcher(
      int attempts,
      Duration backoff,
      Duration timeout,
      long maxBytes,
      PrintWriter err,
      boolean progress) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
    }
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(timeout)
            .build();
    this.attempts = attempts;
    this.backoff = backoff;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.err = err;
    this.progress = progress;
    this.clock = Clock.systemUTC();
  }

  /**
   * GETs {@code uri} into {@code target}, conditionally when {@code previous} is given.
   *
   * @throws IOException when every attempt failed, or on a status other than 200 and 304
   */
  public Result get(URI uri, Optional<FetchState> previous, Path target) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
      }
      try {
        return once(uri, previous, target);
      } catch (Retryable e) {
        last = e;
      } catch (UnknownHostException e) {
        // no name resolution: offline, or a wrong host name; retrying will not help
        throw new IOException("cannot resolve host " + uri.getHost() + " for " + uri, e);
      } catch (ConnectException | HttpTimeoutException e) {
        last = new IOException("cannot connect to " + uri + ": " + describe(e), e);
      } catch (IOException e) {
        if (e.getCause() instanceof UnknownHostException) {
          throw new IOException("cannot resolve host " + uri.getHost() + " for " + uri, e);
        }
        last = new IOException("GET " + uri + " failed: " + describe(e), e);
      }
    }
    throw new IOException(last.getMessage() + " (after " + attempts + " attempts)", last);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A failure worth another attempt (HTTP 429 or 5xx). */
  private static final class Retryable extends IOException {
    Retryable(String message) {
      super(message);
    }
  }

  private Result once(URI uri, Optional<FetchState> previous, Path target) throws IOException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", "fleetpatch")
            .header("Accept-Encoding", "identity")
            .GET();
    previous.ifPresent(
        p -> {
          if (p.etag() != null) {
            req.header("If-None-Match", p.etag());
          }
          if (p.lastModified() != null) {
            req.header("If-Modified-Since", p.lastModified());
          }
        });
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
    int status = resp.statusCode();
    try (InputStream body = resp.body()) {
      if (status == 304) {
        return new Result.NotModified(uri);
      }
      if (status == 429 || status >= 500) {
        throw new Retryable("GET " + uri + " answered HTTP " + status);
      }
      if (status != 200) {
        throw new IOException("GET " + uri + " answered HTTP " + status);
      }
      long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length > maxBytes) {
        throw new IOException(
            "GET " + uri + ": " + length + " bytes is more than the limit of " + maxBytes);
      }
      MessageDigest md = sha256();
      long n = 0;
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(target);
          ProgressBar bar = new ProgressBar(err, progress, "fetching", Math.max(length, 0))) {
        byte[] buf = new byte[65536];
        for (int r; (r = body.read(buf)) >= 0; ) {
          n += r;
          if (n > maxBytes) {
            throw new IOException("GET " + uri + ": more than the limit of " + maxBytes + " bytes");
          }
          md.update(buf, 0, r);
          out.write(buf, 0, r);
          bar.step(r, uri.getPath());
        }
      }
      if (length >= 0 && n != length) {
        throw new Retryable("GET " + uri + ": got " + n + " of " + length + " bytes");
      }
      FetchState state =
          new FetchState(
              uri.toString(),
              resp.headers().firstValue("ETag").orElse(null),
              resp.headers().firstValue("Last-Modified").orElse(null),
              "sha256:" + HexFormat.of().formatHex(md.digest()),
              Instant.now(clock));
      return new Result.Fetched(uri, target, state);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
