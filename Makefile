# SpendWise: `make run` serves the app, `make test` runs every check. Both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# One build cache outside the clone, so new checkouts and CI reuse compiled dependencies.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/spendwise/target
export LEPTOS_SITE_ROOT ?= $(CARGO_TARGET_DIR)/site
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
# cargo-leptos must find every tool locally: GitHub downloads fail on these machines.
export LEPTOS_TAILWIND_VERSION := v4.3.5
# cargo-leptos builds with this set; plain cargo builds (tests, bench) must agree, or Leptos links
# the wasm as `spendwise_bg.wasm`, which cargo-leptos does not write.
export LEPTOS_OUTPUT_NAME := spendwise
# Pinned build tools (scripts/install-tools.sh installs exactly these).
# wasm-bindgen-cli must equal the `wasm-bindgen` pinned in Cargo.toml.
export CARGO_LEPTOS_VERSION := 0.3.11
export WASM_BINDGEN_VERSION := 0.2.130

.PHONY: run dev test bench eval tools test-tools fmt lint test-rust build e2e clean

run: tools build ## build (release) and serve on http://127.0.0.1:3000 with SQLite under data/
	$(CARGO_TARGET_DIR)/release/spendwise serve

dev: tools ## rebuild and reload on every change
	cargo leptos watch

test: test-tools fmt lint test-rust build e2e ## everything CI runs

tools:
	scripts/install-tools.sh build

test-tools:
	scripts/install-tools.sh test

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --exclude frontend --all-targets --features app/ssr -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test --workspace --exclude frontend --features app/ssr

build:
	cargo leptos build --release

e2e:
	scripts/e2e.sh

bench: tools build
	cargo bench -p server --bench load

# A debug build: it shares the compiled crates with `make test`, and runs in about a second.
eval: ## accuracy of the assistant on eval/ (and of the language model when LLM_* is set)
	cargo run -p server --example eval --features app/ssr -- eval

clean:
	cargo clean
