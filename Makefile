# The two set-up commands of README.md: `make dev` and `make test`.
SWIFT ?= swift
ZENGLOW := .build/debug/zenglow

.PHONY: dev test bootstrap build down status doctor format

## Install what is missing, build, start the embedded PostgreSQL and Redis under ./.zenglow, migrate.
dev: build
	$(ZENGLOW) dev up
	$(ZENGLOW) migrate up
	$(ZENGLOW) migrate status
	@echo
	@echo "Embedded stack running and migrated. Connect with:"
	@echo "  psql -h $(CURDIR)/.zenglow/postgres/run -p $${ZENGLOW_DEV_POSTGRES_PORT:-55432} -U postgres zenglow"
	@echo "Stop it with: make down"

## Bootstrap, build, run every test (Swift and pgTAP), each phase timed.
test:
	scripts/run-tests

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
