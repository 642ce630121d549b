-- The last day the waiver of a waived case applies (the earliest expiry of
-- the waivers its findings carried), so that the register shows the case
-- open again once that day has passed, without a new run. '' for a case
-- not waived, or waived by a ledger written before this version.
ALTER TABLE cases ADD COLUMN waiver_expires TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN waiver_expires TEXT NOT NULL DEFAULT '';
