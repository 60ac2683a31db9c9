package io.fleetpatch.store;

/** The two database engines the store runs on, with what differs between them. */
public enum Dialect {
  SQLITE,
  POSTGRESQL;

  /**
   * The statement that serialises writers for the rest of the transaction, or null when the
   * connection already does (SQLite connections here begin transactions IMMEDIATE, which takes the
   * database's write lock: sqlite.org/lang_transaction.html).
   */
  String writeLockStatement() {
    return switch (this) {
      case SQLITE -> null;
      // EXCLUSIVE lets readers on (postgresql.org/docs/current/explicit-locking.html)
      case POSTGRESQL -> "LOCK TABLE feed_import IN EXCLUSIVE MODE";
    };
  }
}
