package io.fleetpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetpatch.store.Backend;
import io.fleetpatch.store.Database;
import io.fleetpatch.store.DatabaseTarget;
import io.fleetpatch.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db postgresql://...}: the same commands on a real PostgreSQL server. */
class PostgresStoreCliTest {
  @TempDir Path dir;

  @Test
  void importAndListOnPostgresAndABadFileChangesNothing() throws Exception {
    DatabaseTarget target = Backend.POSTGRESQL.freshTarget(dir);
    // libpq's URI form, as a user types it
    String url =
        target.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + target.user() + "@");

    CliRun imported =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            url,
            SharedData.data("amazon/updateinfo/amzn2extra-docker/updateinfo.xml.gz").toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    CliRun list = CliRun.of("advisories", "list", "--db", url, "--format", "json");
    assertThat(new ObjectMapper().readTree(list.out()).size()).isEqualTo(49);

    String before;
    try (Database db = Database.open(target)) {
      before = db.contentDigest();
    }
    CliRun bad =
        CliRun.of(
            "advisories",
            "import",
            "--db",
            url,
            SharedData.data("amazon/updateinfo/amzn2-core/updateinfo.xml.gz").toString(),
            SharedData.data(
                    "el-family/vuls-data-update/pkg/fetch/rocky/updateinfo/testdata/"
                        + "fixtures/corruptcrc/pub/rocky/9/BaseOS/x86_64/os/repodata/"
                        + "corrupt-updateinfo.xml.gz")
                .toString());
    assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT);
    try (Database db = Database.open(target)) {
      assertThat(db.contentDigest()).isEqualTo(before);
    }
  }
}
