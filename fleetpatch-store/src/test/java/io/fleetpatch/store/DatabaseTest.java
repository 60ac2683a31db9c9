package io.fleetpatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.advisory.store.StoreCounts;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void opensMigratesAndReopensAnEmptyStore(Backend backend) {
    DatabaseTarget target = backend.freshTarget(dir);
    String digest;
    try (Database db = Database.open(target)) {
      assertThat(db.advisories().counts()).isEqualTo(new StoreCounts(0, 0, 0, 0, 0));
      assertThat(db.advisories().dataVersion()).isZero();
      digest = db.contentDigest();
    }
    // opening again runs no migration twice and finds the same (empty) content
    try (Database db = Database.open(target)) {
      assertThat(db.contentDigest()).isEqualTo(digest);
    }
  }
}
