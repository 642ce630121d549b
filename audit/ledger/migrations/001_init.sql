-- Version 1: runs with their lists and inputs, content-addressed
-- documents, cases, the findings of every run, and case events.
CREATE TABLE runs (
  id {{serial}},
  recorded_at TEXT NOT NULL,
  tool TEXT NOT NULL,
  as_of TEXT NOT NULL,
  discovered TEXT NOT NULL,
  profiles TEXT NOT NULL,
  inputs INTEGER NOT NULL,
  findings INTEGER NOT NULL
);
CREATE TABLE run_lists (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  list_id TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (run_id, list_id)
);
CREATE TABLE run_inputs (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  idx INTEGER NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  subject TEXT NOT NULL,
  status TEXT NOT NULL,
  audited INTEGER NOT NULL,
  PRIMARY KEY (run_id, idx)
);
CREATE INDEX run_inputs_sha256 ON run_inputs (sha256);
CREATE TABLE documents (
  sha256 TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  codec TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{blob}} NOT NULL
);
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  component TEXT NOT NULL,
  entity TEXT NOT NULL,
  list_id TEXT NOT NULL,
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  status TEXT NOT NULL,
  waiver TEXT NOT NULL,
  identified TEXT NOT NULL,
  reported TEXT NOT NULL,
  report_ref TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  resolved TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  version TEXT NOT NULL,
  verdict TEXT NOT NULL,
  category TEXT NOT NULL,
  confidence TEXT NOT NULL,
  first_run BIGINT NOT NULL,
  last_run BIGINT NOT NULL
);
CREATE INDEX cases_subject ON cases (subject);
CREATE INDEX cases_status ON cases (status);
CREATE TABLE findings (
  run_id BIGINT NOT NULL REFERENCES runs(id),
  seq INTEGER NOT NULL,
  case_id TEXT NOT NULL,
  input_idx INTEGER NOT NULL,
  version TEXT NOT NULL,
  verdict TEXT NOT NULL,
  category TEXT NOT NULL,
  confidence TEXT NOT NULL,
  waiver TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX findings_case ON findings (case_id);
CREATE TABLE events (
  id {{serial}},
  case_id TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  date TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_value TEXT NOT NULL,
  to_value TEXT NOT NULL,
  by_name TEXT NOT NULL,
  ref TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX events_case ON events (case_id);
