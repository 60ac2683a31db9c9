package io.fleetpatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpatch.inventory.collect.InventorySources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventories read by one reader share their equal builds, and keep everything else. */
class BuildPoolTest {
  @Test
  void oneReadersInventoriesShareEqualBuilds(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    Files.writeString(a, "openssl-1.0.2k-24.amzn2.x86_64\nbash-4.2.46-34.amzn2.x86_64\n");
    Files.writeString(b, "openssl-1.0.2k-24.amzn2.x86_64\nbash-4.2.46-35.amzn2.x86_64\n");
    InventorySources reader = InventorySources.standard();
    Inventory ia = reader.read(a);
    Inventory ib = reader.read(b);
    assertThat(ib.packages().get(1).nevra())
        .as("the same openssl build on both hosts: one object")
        .isSameAs(ia.packages().get(1).nevra());
    assertThat(ib.packages().get(0).nevra())
        .as("different bash builds stay apart")
        .isNotEqualTo(ia.packages().get(0).nevra());
    assertThat(ib.os()).as("one os-release object too").isSameAs(ia.os());
    assertThat(InventorySources.standard().read(b).packages().get(1).nevra())
        .as("another reader (another fleet) has its own pool")
        .isNotSameAs(ia.packages().get(1).nevra());
  }

  @Test
  void sharingKeepsEveryOtherFieldAndTheSameInventoryWhenNothingChanges() {
    var nevra = io.fleetpatch.rpm.Nevra.parse("openssl-1.0.2k-24.amzn2.x86_64");
    var copy = io.fleetpatch.rpm.Nevra.parse("openssl-1.0.2k-24.amzn2.x86_64");
    BuildPool pool = new BuildPool();
    pool.share(nevra);
    InstalledPackage p =
        new InstalledPackage(
            copy, "openssl.src.rpm", "Amazon", 1_700_000_000L, "abc", "amzn2-core");
    Inventory inv =
        new Inventory(
            Host.of("h"),
            new OsRelease(java.util.Map.of("ID", "amzn", "VERSION_ID", "2")),
            null,
            java.util.List.of(p),
            null,
            null,
            null,
            "test");
    Inventory shared = pool.share(inv);
    InstalledPackage q = shared.packages().get(0);
    assertThat(q.nevra()).isSameAs(nevra);
    assertThat(q).isEqualTo(p);
    assertThat(pool.share(shared)).as("already pooled: the same inventory").isSameAs(shared);
  }
}
