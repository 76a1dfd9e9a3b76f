# The two set-up commands of README.md: `make dev` and `make test`.
SWIFT ?= swift
ZENGLOW := .build/debug/zenglow

.PHONY: dev test bootstrap build down status doctor format

HTTP_PORT ?= 8080

## Install what is missing, build, start the embedded PostgreSQL and Redis under ./.zenglow,
## migrate, seed the demo corpus and a dev key, and serve the API on localhost (Ctrl-C stops it).
dev: build
	$(ZENGLOW) dev up
	$(ZENGLOW) migrate up
	$(ZENGLOW) migrate status
	$(ZENGLOW) dev seed --port $(HTTP_PORT)
	@echo "PostgreSQL: psql -h $(CURDIR)/.zenglow/postgres/run -p $${ZENGLOW_DEV_POSTGRES_PORT:-55432} -U postgres zenglow"
	@echo "Serving on http://127.0.0.1:$(HTTP_PORT) (Ctrl-C stops the API; make down stops PostgreSQL and Redis)"
	HTTP_PORT=$(HTTP_PORT) EMBED_PROVIDER=$${EMBED_PROVIDER:-hashing} $(ZENGLOW) serve

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
