# Plain targets for everyday work; CI runs .ci/run.
.PHONY: help build test test-short update-golden fuzz bench-decode bench-match vet ci

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build ./embargo
	CGO_ENABLED=0 go build -trimpath -o embargo ./cmd/embargo

test: ## run every test with the race detector (the README's test command)
	go test -race ./...

test-short: ## quick tests: no race detector, no large inputs
	go test -short ./...

update-golden: ## rewrite golden files after an intended change (review the diff)
	go test ./reports ./cmd/... -update

fuzz: ## run every fuzz target for 30 s
	bash .ci/fuzz 30s

bench-decode: ## decode speed and memory against jq on ../shared/bench
	bash scripts/bench-decode.sh

bench-match: ## matching throughput on one core
	go test ./audit -run '^$$' -bench Match -benchtime 20x -cpu 1

vet: ## gofmt and go vet
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	go vet ./...

ci: ## what CI runs
	bash .ci/run
