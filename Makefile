# Plain targets for everyday work; CI runs .ci/run.
.PHONY: help build test test-short update-golden fuzz bench bench-decode bench-decode-jq bench-match mutate vet ci image actionlint footprint

comma := ,
# image and release metadata; override on the command line
PLATFORMS ?= linux/$(shell go env GOARCH)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
REVISION ?= $(shell git rev-parse HEAD 2>/dev/null)
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
ACTIONLINT ?= github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build ./embargo and ./embargo-scan (which embargo runs for scan and sources)
	CGO_ENABLED=0 go build -trimpath -o . ./cmd/embargo ./cmd/embargo-scan

image: ## container image without Docker: dist/embargo-image/ (OCI layout) and dist/embargo-image.tar
	@set -e; bins=; for p in $(subst $(comma), ,$(PLATFORMS)); do \
	  d=dist/bin/$$(echo $$p | tr / _); \
	  echo "building $$p into $$d"; \
	  GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/embargo-sbom/embargo/cmd/embargo/cli.version=$(VERSION)" -o $$d/embargo ./cmd/embargo; \
	  GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $$d/embargo-scan ./cmd/embargo-scan; \
	  bins="$$bins -bin $$p=$$d"; \
	done; \
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) go run ./scripts/image $$bins -version $(VERSION) -revision $(REVISION) -out dist

actionlint: ## lint action.yml through the example workflow that uses it
	ACTIONLINT=$(ACTIONLINT) bash scripts/actionlint.sh

footprint: ## embargo's size, start-up memory and init time against main, side by side
	bash scripts/footprint.sh main

test: ## run every test with the race detector (the README's test command)
	go test -race ./...

test-short: ## quick tests: no race detector, no large inputs
	go test -short ./...

update-golden: ## rewrite golden files after an intended change (review the diff)
	go test ./reports ./cmd/... -update

fuzz: ## run every fuzz target for 30 s
	bash .ci/fuzz 30s

bench: ## whole-process audits of the bench SBOMs against jq (and BASE=rev if set): wall, CPU, peak RSS, ratios
	bash scripts/bench.sh $(if $(RUNS),-n $(RUNS)) $(if $(BASE),-b $(BASE))

bench-decode: ## every registered decoder, this tree against BASE (default main) in one run: ratios
	bash scripts/bench-decode-base.sh $(if $(BASE),$(BASE),main)

bench-decode-jq: ## decode speed and memory of the whole process against jq on ../shared/bench
	bash scripts/bench-decode.sh

bench-match: ## matching throughput on one core
	go test ./audit -run '^$$' -bench Match -benchtime 20x -cpu 1

mutate: ## mutation score of matching, assessment and policy (gremlins; about 25 min)
	bash scripts/mutate.sh

vet: ## gofmt and go vet
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	go vet ./...

ci: ## what CI runs
	bash .ci/run
