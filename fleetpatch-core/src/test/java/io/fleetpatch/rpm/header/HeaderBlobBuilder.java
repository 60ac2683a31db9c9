package io.fleetpatch.rpm.header;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes header blobs in rpm's layout (lib/header.c {@code headerExport}): an immutable region
 * (HEADER_IMMUTABLE entry, its entries, a 16-byte trailer) and optional dribble entries after it.
 */
public final class HeaderBlobBuilder {
  private record Item(int tag, int type, int count, byte[] data, boolean dribble) {}

  private final List<Item> items = new ArrayList<>();
  private boolean region = true;

  public HeaderBlobBuilder string(int tag, String s) {
    return add(tag, 6, 1, (s + "\0").getBytes(StandardCharsets.UTF_8), false);
  }

  public HeaderBlobBuilder int32(int tag, long v) {
    return add(tag, 4, 1, ByteBuffer.allocate(4).putInt((int) v).array(), false);
  }

  public HeaderBlobBuilder bin(int tag, byte[] b) {
    return add(tag, 7, b.length, b, false);
  }

  /** A string entry after the region, as rpm adds install-time tags. */
  public HeaderBlobBuilder dribbleString(int tag, String s) {
    return add(tag, 6, 1, (s + "\0").getBytes(StandardCharsets.UTF_8), true);
  }

  public HeaderBlobBuilder raw(int tag, int type, int count, byte[] data) {
    return add(tag, type, count, data, false);
  }

  public HeaderBlobBuilder noRegion() {
    region = false;
    return this;
  }

  private HeaderBlobBuilder add(int tag, int type, int count, byte[] data, boolean dribble) {
    items.add(new Item(tag, type, count, data, dribble));
    return this;
  }

  public byte[] build() {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<int[]> index = new ArrayList<>();
    int regionCount = 0;
    for (Item it : items) {
      if (!it.dribble) {
        index.add(entry(it, data));
        regionCount++;
      }
    }
    int trailerOffset = data.size();
    if (region) {
      int ril = regionCount + 1;
      data.writeBytes(
          ByteBuffer.allocate(16)
              .putInt(RpmTag.HEADER_IMMUTABLE)
              .putInt(7)
              .putInt(-16 * ril)
              .putInt(16)
              .array());
      index.add(0, new int[] {RpmTag.HEADER_IMMUTABLE, 7, trailerOffset, 16});
    }
    for (Item it : items) {
      if (it.dribble) {
        index.add(entry(it, data));
      }
    }
    ByteBuffer out = ByteBuffer.allocate(8 + 16 * index.size() + data.size());
    out.putInt(index.size()).putInt(data.size());
    for (int[] e : index) {
      out.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]);
    }
    out.put(data.toByteArray());
    return out.array();
  }

  private static int[] entry(Item it, ByteArrayOutputStream data) {
    int align =
        switch (it.type) {
          case 3 -> 2;
          case 4 -> 4;
          case 5 -> 8;
          default -> 1;
        };
    while (data.size() % align != 0) {
      data.write(0);
    }
    int offset = data.size();
    data.writeBytes(it.data);
    return new int[] {it.tag, it.type, offset, it.count};
  }
}
