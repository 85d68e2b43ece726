# Thi đua – make targets. `make run` and `make test` are the two commands a new user needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help venv run serve test test-fast lint format bench load messages clean

help:
	@echo "make run     – tạo môi trường, cập nhật CSDL, nạp dữ liệu minh họa, chạy http://$(HOST):$(PORT)"
	@echo "make test    – chạy toàn bộ kiểm thử / run the test suite"
	@echo "make lint    – ruff, mypy, import-linter, kiểm tra migration / ruff, mypy, import contracts, migrations"
	@echo "make bench   – chạy benchmark / run the benchmarks (figures in docs/benchmarks.md)"
	@echo "make load    – kiểm thử tải cổng thông tin và cán bộ (locust, 10 phút) / load test of the portal and staff"

# The virtualenv is rebuilt when pyproject.toml changes; a second `make run` reuses it.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

run: venv
	@HOST=$(HOST) PORT=$(PORT) bash scripts/run_demo.sh

# One worker per core (pytest-xdist); a module's tests stay on one worker (--dist loadscope), so a
# module-scoped fixture such as the roles matrix's demo data is built once. The slowest tests are listed.
test: venv
	$(BIN)/pytest -q -n auto --dist loadscope --durations=15

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint-only $(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	SECRET_KEY=lint-only $(BIN)/thidua makemigrations --check --dry-run

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	@set -e; for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

# Locust against gunicorn on a fresh copy of the demo (PostgreSQL; DB=sqlite, DURATION, USERS, SPAWN_RATE,
# WORKERS: see the script). Installs the 'load' extra on first use; figures in docs/benchmarks.md.
load: venv
	bash scripts/load_test.sh

clean:
	rm -rf $(VENV) var
