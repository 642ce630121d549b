// Package distcheck holds no code: its tests check the distribution files
// at the repository root (.pre-commit-hooks.yaml, .goreleaser.yaml,
// action.yml and its scripts, the README's CI examples) as far as this
// machine can run them.
package distcheck
