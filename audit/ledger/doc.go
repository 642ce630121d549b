// Package ledger remembers audits across runs: every run recorded in one
// transaction, and the compliance cases its findings open, continue,
// resolve and reopen, so that deadlines run from the day a restricted
// component was first identified instead of sliding with every run.
//
// The package holds the store interface, the case logic (pure Go, in
// cases.go) and one SQL implementation shared by the dialects; the
// sqlite and postgres subpackages are the only ones that import a
// database driver, and package opener picks one from a ledger name.
//
// Dates are calendar dates (time.Time at 00:00 UTC), stored as
// YYYY-MM-DD text in both dialects so that they compare as strings.
package ledger
