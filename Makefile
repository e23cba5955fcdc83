# The front door. Each target is a thin wrapper around a script in scripts/, which does the work
# and says why; the scripts also run without make.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help demo demo-reset test bootstrap lint pg-start pg-stop clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

demo: ## install what is missing, seed demo data on SQLite, run the server (PORT=5000)
	@bash scripts/demo.sh

demo-reset: ## like demo, but rebuild the demo data from scratch
	@bash scripts/demo.sh --reset

test: ## install what the tests need and run every check on SQLite and PostgreSQL (PYTEST_ARGS=...)
	@bash scripts/test.sh

bootstrap: ## only install/update .venv, node_modules and build the PWA
	@bash scripts/bootstrap.sh

lint: bootstrap ## only ruff and mypy
	@.venv/bin/ruff check . && .venv/bin/mypy

pg-start: ## start a throwaway PostgreSQL and print its URL (for TEST_DATABASE_URL)
	@bash scripts/pg_tmp.sh start

pg-stop: ## stop it and delete its data
	@bash scripts/pg_tmp.sh stop

clean: ## remove build output and caches (keeps .venv, node_modules and instance/)
	rm -rf pwa/dist .pytest_cache .mypy_cache .ruff_cache .hypothesis test-results
	find . -name __pycache__ -type d -not -path './.venv/*' -not -path './node_modules/*' -prune -exec rm -rf {} +
