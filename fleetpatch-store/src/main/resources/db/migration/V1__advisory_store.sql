-- The advisory store (DESIGN.md §6). One migration for SQLite and PostgreSQL: only portable types
-- (TEXT, BIGINT, INTEGER, BOOLEAN, DOUBLE PRECISION); ids are assigned by the application under the
-- import lock, so no vendor-specific auto-increment is needed. Times are UTC ISO-8601 text of fixed
-- width (yyyy-MM-ddTHH:mm:ss.SSSZ), dates yyyy-MM-dd, so text order is time order.

-- Provenance: one row per import that wrote something.
CREATE TABLE feed_import (
  id BIGINT PRIMARY KEY,
  data_version BIGINT NOT NULL,
  kind TEXT NOT NULL,
  feed_key TEXT NOT NULL,
  source TEXT NOT NULL,
  checksum TEXT NOT NULL,
  fetched_at TEXT,
  imported_at TEXT NOT NULL,
  total INTEGER NOT NULL,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  unchanged INTEGER NOT NULL
);
CREATE INDEX feed_import_feed ON feed_import (kind, feed_key, id);

CREATE TABLE advisory (
  pk BIGINT PRIMARY KEY,
  os_release TEXT NOT NULL,
  repo TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  severity_text TEXT NOT NULL,
  issued TEXT,
  updated TEXT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  reboot_suggested BOOLEAN NOT NULL,
  version TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  import_id BIGINT NOT NULL REFERENCES feed_import (id),
  CONSTRAINT advisory_natural_key UNIQUE (os_release, repo, advisory_id)
);
CREATE INDEX advisory_by_id ON advisory (advisory_id);

CREATE TABLE advisory_package (
  advisory_pk BIGINT NOT NULL REFERENCES advisory (pk),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  epoch BIGINT,
  version TEXT NOT NULL,
  pkg_release TEXT,
  arch TEXT,
  filename TEXT,
  PRIMARY KEY (advisory_pk, seq)
);
CREATE INDEX advisory_package_by_name ON advisory_package (name);

CREATE TABLE advisory_cve (
  advisory_pk BIGINT NOT NULL REFERENCES advisory (pk),
  cve_id TEXT NOT NULL,
  PRIMARY KEY (advisory_pk, cve_id)
);
CREATE INDEX advisory_cve_by_cve ON advisory_cve (cve_id);

CREATE TABLE advisory_reference (
  advisory_pk BIGINT NOT NULL REFERENCES advisory (pk),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  ref_id TEXT NOT NULL,
  href TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (advisory_pk, seq)
);

-- History: every advisory added or replaced, with what it replaced.
CREATE TABLE advisory_change (
  id BIGINT PRIMARY KEY,
  import_id BIGINT NOT NULL REFERENCES feed_import (id),
  os_release TEXT NOT NULL,
  repo TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  previous_version TEXT,
  previous_updated TEXT,
  previous_fingerprint TEXT,
  version TEXT NOT NULL,
  updated TEXT,
  fingerprint TEXT NOT NULL
);
CREATE INDEX advisory_change_by_id ON advisory_change (advisory_id);

-- Enrichment: CISA KEV and FIRST EPSS, keyed by CVE.
CREATE TABLE kev (
  cve_id TEXT PRIMARY KEY,
  vendor_project TEXT,
  product TEXT,
  name TEXT,
  date_added TEXT,
  due_date TEXT,
  known_ransomware BOOLEAN NOT NULL,
  import_id BIGINT NOT NULL REFERENCES feed_import (id)
);

CREATE TABLE epss (
  cve_id TEXT PRIMARY KEY,
  epss DOUBLE PRECISION NOT NULL,
  percentile DOUBLE PRECISION NOT NULL,
  score_date TEXT,
  import_id BIGINT NOT NULL REFERENCES feed_import (id)
);

-- HTTP validators of fetched URLs, for sync's conditional GET.
CREATE TABLE fetch_state (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  checksum TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
