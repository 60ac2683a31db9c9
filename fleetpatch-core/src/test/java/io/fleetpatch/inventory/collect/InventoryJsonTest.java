package io.fleetpatch.inventory.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpatch.inventory.Host;
import io.fleetpatch.inventory.InstalledPackage;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.inventory.OsRelease;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Nevra;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryJsonTest {
  static final Inventory FULL =
      new Inventory(
          new Host("i-0abc", "web-1", Map.of("PatchGroup", "prod")),
          new OsRelease(Map.of("ID", "amzn", "VERSION_ID", "2")),
          "4.14.336-257.566.amzn2.x86_64",
          List.of(
              new InstalledPackage(
                  Nevra.parse("openssl-1:1.0.2k-24.amzn2.x86_64"),
                  "openssl-1.0.2k-24.amzn2.src.rpm",
                  "Amazon Linux",
                  1700000000L,
                  "11cf1f95c87f5b1a",
                  "amzn2-core"),
              InstalledPackage.of(Nevra.parse("tzdata-2024a-1.amzn2.noarch")),
              InstalledPackage.of(Nevra.parse("zero-0:1.0-1.x86_64"))),
          List.of("amzn2-core"),
          List.of("kpatch_4_14_336"),
          Instant.parse("2024-02-01T10:00:00Z"),
          "rpmdb:sqlite:/var/lib/rpm/rpmdb.sqlite");

  @Test
  void writeThenParseGivesTheSameInventory() {
    String json = InventoryJson.write(FULL);
    assertThat(json).contains("\"schema\" : \"fleetpatch.inventory/v1\"");
    assertThat(InventoryJson.parse(json.getBytes(StandardCharsets.UTF_8), "x")).isEqualTo(FULL);
  }

  @Test
  void absentEpochAndExplicitZeroStayDistinct() {
    String json = InventoryJson.write(FULL);
    assertThat(json).contains("\"name\" : \"tzdata\",\n    \"epoch\" : null");
    assertThat(json).contains("\"name\" : \"zero\",\n    \"epoch\" : 0");
  }

  @Test
  void readsTheOracleSimpleForm() throws IOException {
    Inventory inv = InventoryJson.parse(resource("simple-form.inventory.json"), "simple.json");
    assertThat(inv.host()).isEqualTo(Host.of("al2-001"));
    assertThat(inv.os().id()).isEqualTo("amzn");
    assertThat(inv.kernel()).isEqualTo("4.14.318-240.529.amzn2.x86_64");
    assertThat(inv.repos()).containsExactly("amzn2-core");
    assertThat(inv.livepatches()).isNull();
    assertThat(inv.source()).isEqualTo("json:simple.json");
    assertThat(inv.packages())
        .extracting(p -> p.nevra().toString())
        .containsExactly(
            "amazon-linux-extras-1.6.7-1.amzn2.noarch",
            "basesystem-10.0-7.amzn2.0.1.noarch",
            "bash-4.2.46-34.amzn2.x86_64",
            "system-release-1:2-11.amzn2.x86_64");
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # json                                                              | problem contains                   | why
          {"host": "h", "packages": [                                        | line 1, column                     | truncated JSON
          {"host": "h",\\n "packages": [],\\n "os": 3}                        | line 3, /os                         | os not an object
          {"host": "h",\\n "packages": [\\n {"name":"a","epoch":-1,"version":"1","arch":"x86_64"}]} | line 3, /packages/0/epoch | negative epoch
          {"host": "h", "packages": [{"name":"a","epoch":"1","version":"1","arch":"x86_64"}]} | /packages/0/epoch | epoch as a string
          {"host": "h", "packages": [{"name":"a","version":"1-2","arch":"x86_64"}]} | bad version '1-2'          | dash in version
          {"host": "h", "packages": [{"name":"a","version":"1"}]}            | missing 'arch'                      | no arch
          {"schema": "fleetpatch.inventory/v2", "host": "h", "packages": []} | unsupported schema                  | other schema
          {"packages": []}                                                   | missing 'host'                      | no host
          {"host": "h"}                                                      | 'packages' must be an array         | no packages
          {"host": "h", "host": "g", "packages": []}                         | Duplicate field 'host'              | duplicate key
          {"host": "h", "packages": [], "collectedAt": "yesterday"}          | not an ISO-8601 instant             | bad time
          [1, 2]                                                             | expected a JSON object              | not an object
          """)
  void badDocumentsBecomeProblemsWithTheirPlace(String json, String expected, String why) {
    byte[] bytes = json.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> InventoryJson.parse(bytes, "bad.json"))
        .as(why)
        .isInstanceOf(ProblemException.class)
        .hasMessageStartingWith("bad.json: ")
        .hasMessageContaining(expected);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = InventoryJsonTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
