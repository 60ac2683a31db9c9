package io.fleetpatch.inventory.collect;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Layer tars of any bytes (a valid two-file layer with fuzzed bytes spliced in, or raw bytes):
 * applying them and laying out the root only ever ends in a {@link ProblemException}, and the temp
 * dir is always removed.
 */
class ImageLayersFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void apply(FuzzedDataProvider data) throws IOException {
    byte[] tar;
    if (data.consumeBoolean()) {
      tar =
          new TestImages.Layer()
              .file("etc/os-release", "ID=x\n")
              .symlink("usr/lib/os-release", data.consumeString(40))
              .file("var/lib/rpm/.wh." + data.consumeString(10), new byte[0])
              .file("etc/yum.repos.d/a.repo", data.consumeString(200))
              .bytes();
      int at = data.consumeInt(0, tar.length - 1);
      byte[] patch = data.consumeBytes(64);
      System.arraycopy(patch, 0, tar, at, Math.min(patch.length, tar.length - at));
    } else {
      tar = data.consumeRemainingAsBytes();
    }
    Path tmp = Files.createTempDirectory("fuzz-layers");
    try (ImageLayers layers = new ImageLayers(tmp)) {
      layers.apply(new ByteArrayInputStream(tar), "f", "layer 1");
      Path root = layers.materialize();
      new RootFilesystem(root).osRelease();
      YumRepos.enabled(new RootFilesystem(root));
    } catch (ProblemException expected) {
      // malformed layer, reported
    } finally {
      try (var s = Files.list(tmp)) {
        if (s.findAny().isPresent()) {
          throw new IllegalStateException("temp dir not cleaned");
        }
      }
      Files.delete(tmp);
    }
  }
}
