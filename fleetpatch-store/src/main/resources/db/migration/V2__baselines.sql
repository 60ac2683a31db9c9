-- Stored baselines (issue "Baselines are files ... and also stored objects"). Portable as V1: TEXT
-- and BIGINT only, times as fixed-width UTC ISO-8601 text, history ids assigned by the application
-- under the write lock. The document is the imported file's text, unchanged.
CREATE TABLE baseline (
  name TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Every creation, replacement and deletion; previous_* hold the replaced or deleted document.
CREATE TABLE baseline_history (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  action TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  previous_format TEXT,
  previous_document TEXT
);
CREATE INDEX baseline_history_by_name ON baseline_history (name, id);
