# The two set-up commands of README.md: `make dev` and `make test`.
SWIFT ?= swift
ZENGLOW := .build/debug/zenglow

.PHONY: dev test test-swift test-sql test-contract lint schema-dump bootstrap build down status doctor format \
	ingest-dry-run ingest-live report

HTTP_PORT ?= 8080

## Install what is missing, build, start the embedded PostgreSQL and Redis under ./.zenglow,
## migrate, seed the demo corpus and a dev key, and serve the API on localhost (Ctrl-C stops it).
dev: build
	$(ZENGLOW) dev up
	$(ZENGLOW) migrate up
	$(ZENGLOW) migrate status
	$(ZENGLOW) dev seed --port $(HTTP_PORT)
	$(ZENGLOW) spool init
	@echo "PostgreSQL: psql -h $(CURDIR)/.zenglow/postgres/run -p $${ZENGLOW_DEV_POSTGRES_PORT:-55432} -U postgres zenglow"
	@echo "Serving on http://127.0.0.1:$(HTTP_PORT) (Ctrl-C stops the API; make down stops PostgreSQL and Redis)"
	$(ZENGLOW) serve --port $(HTTP_PORT)

## Bootstrap, build, run every test (lint, Swift, pgTAP, schema drift, contract), each phase timed.
test:
	scripts/run-tests

## The Swift tests alone (swift-testing; servers they need are started by ZenGlowTestSupport).
test-swift: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The pgTAP tests alone, on a throwaway migrated cluster (both storages).
test-sql: build
	scripts/pgtap

## Schemathesis against a live `zenglow serve` on a throwaway database.
test-contract: build
	scripts/contract-tests

## The spool (SPOOL_DIR, default .zenglow/spool): what one run would do, changing nothing.
ingest-dry-run: build
	$(ZENGLOW) spool process --dry-run

## One spool run: load what is in incoming/ (exits 1 when a file went to failed/).
ingest-live: build
	$(ZENGLOW) spool process

## The latest ingestion summaries (SPOOL_REPORT_DIR).
report: build
	$(ZENGLOW) spool report

## `swift format lint --strict` over every Swift file.
lint:
	$(SWIFT) format lint --recursive --strict Sources Tests Package.swift

## Rewrite Tests/schema/ from a freshly migrated database (after an intended schema change).
schema-dump: build
	scripts/schema-dump

bootstrap:
	scripts/bootstrap

build: bootstrap
	$(SWIFT) build

down:
	$(ZENGLOW) dev down

status:
	$(ZENGLOW) dev status

doctor: build
	$(ZENGLOW) doctor

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift
