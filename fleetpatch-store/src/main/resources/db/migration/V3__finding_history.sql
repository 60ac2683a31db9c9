-- Finding history (issue 5, SLA clocks from first-seen; rules in the javadoc of
-- io.fleetpatch.compliance.history). Portable as V1/V2: TEXT only, dates as yyyy-MM-dd text, so
-- text order is date order; the writers upsert with INSERT ... ON CONFLICT, which SQLite (3.24+)
-- and PostgreSQL (9.5+) both accept.

-- Every host a recorded run judged, with the last day recorded for it.
CREATE TABLE finding_host (
  host_id TEXT PRIMARY KEY,
  last_recorded TEXT NOT NULL
);

-- One row per (host, advisory): its latest episode of being open (MISSING, pending reboot or
-- FAILED). closed_on is null while it is open; last_seen is written when it closes (while open, it
-- is the host's finding_host.last_recorded, so a daily run rewrites only what changed). A
-- re-opened finding replaces its closed row with a new episode: a fresh clock.
CREATE TABLE finding_history (
  host_id TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT,
  closed_on TEXT,
  PRIMARY KEY (host_id, advisory_id)
);

-- The same with last_seen filled in, for people querying the database.
CREATE VIEW finding_exposure AS
SELECT f.host_id, f.advisory_id, f.first_seen,
       CASE WHEN f.closed_on IS NULL THEN COALESCE(h.last_recorded, f.first_seen)
            ELSE f.last_seen END AS last_seen,
       f.closed_on
FROM finding_history f LEFT JOIN finding_host h ON h.host_id = f.host_id;
