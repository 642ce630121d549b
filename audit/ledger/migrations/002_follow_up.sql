-- The date a case's follow-up report was submitted (FAR 52.204-23(c)(2)(ii)
-- and its kin): once recorded, the follow-up obligation is done, not overdue.
ALTER TABLE cases ADD COLUMN followed_up TEXT NOT NULL DEFAULT '';
