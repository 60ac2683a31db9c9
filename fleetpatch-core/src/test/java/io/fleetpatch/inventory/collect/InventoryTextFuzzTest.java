package io.fleetpatch.inventory.collect;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetpatch.inventory.Inventory;
import io.fleetpatch.problem.ProblemException;
import io.fleetpatch.rpm.Arch;
import java.nio.charset.StandardCharsets;

/**
 * Inventory JSON and {@code rpm -qa} text: only problems; what parses writes back and re-parses to
 * the same inventory.
 */
class InventoryTextFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void parse(FuzzedDataProvider data) {
    boolean json = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    try {
      if (json) {
        Inventory inv = InventoryJson.parse(text.getBytes(StandardCharsets.UTF_8), "f.json");
        Inventory again =
            InventoryJson.parse(InventoryJson.write(inv).getBytes(StandardCharsets.UTF_8), "w");
        if (!again.equals(inv)) {
          throw new IllegalStateException("JSON round trip changed the inventory");
        }
      } else {
        new RpmQaText(Arch.X86_64).parse(text, "f.txt");
      }
    } catch (ProblemException expected) {
      // malformed input, reported
    }
  }
}
