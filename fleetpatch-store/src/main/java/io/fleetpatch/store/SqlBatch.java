package io.fleetpatch.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A prepared statement's JDBC batch, sent every {@link #SIZE} rows and at {@link #finish()}. */
final class SqlBatch {
  static final int SIZE = 1000;

  private final PreparedStatement ps;
  private int rows;

  SqlBatch(PreparedStatement ps) {
    this.ps = ps;
  }

  /** Adds the statement's bound row to the batch, sending the batch when it is full. */
  void add() throws SQLException {
    ps.addBatch();
    if (++rows % SIZE == 0) {
      ps.executeBatch();
    }
  }

  /** Sends what is left of the batch. */
  void finish() throws SQLException {
    ps.executeBatch();
  }

  /** {@code all} cut into lists of at most {@link #SIZE}. */
  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += SIZE) {
      out.add(all.subList(i, Math.min(all.size(), i + SIZE)));
    }
    return out;
  }
}
