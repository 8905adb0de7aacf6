# syntax=docker/dockerfile:1
# SpendWise container image: `docker build -t spendwise .` (BuildKit, for the cache mounts).
# The build step is `make tools build`, the same script the Makefile runs on a developer machine
# and in CI (scripts/install-tools.sh, then `cargo leptos build --release`).

# Node.js 20+ for the npm build tools: Tailwind CSS 4 (@tailwindcss/oxide) and playwright-core
# declare `engines: node >= 20`, and Debian bookworm's own nodejs is 18. The official image's
# binaries are copied into the builder, so nothing is fetched outside the registries.
FROM node:20-bookworm-slim AS node

FROM rust:1.95-bookworm AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN set -eux; \
    ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm; \
    ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx; \
    node --version; npm --version; cargo --version

# One fixed build cache path (the Makefile's `CARGO_TARGET_DIR ?=` takes it; the site lands in
# $CARGO_TARGET_DIR/site through the Makefile's LEPTOS_SITE_ROOT default).
ENV CARGO_TARGET_DIR=/build/target \
    CARGO_TERM_COLOR=never \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /src

# The pinned tools first (cargo-leptos takes ~13 min to build): this layer only changes when the
# Makefile, the install script or the npm pins change.
COPY Makefile package.json package-lock.json ./
COPY scripts/ scripts/
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/root/.cache/spendwise/tools \
    --mount=type=cache,target=/root/.npm \
    set -eux; \
    make tools

# The workspace, then exactly the Makefile's targets (`tools` is a no-op check by now). The binary
# and the site are copied out of the cache mount, which is not part of the image.
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/root/.cache/spendwise/tools \
    --mount=type=cache,target=/root/.npm \
    --mount=type=cache,target=/build/target \
    set -eux; \
    make tools build; \
    install -D -m 0755 "$CARGO_TARGET_DIR/release/spendwise" /out/spendwise; \
    rm -rf /out/site; \
    cp -a "$CARGO_TARGET_DIR/site" /out/site; \
    test -f /out/site/pkg/spendwise.wasm; \
    test -f /out/site/pkg/spendwise.js; \
    test -f /out/site/pkg/spendwise.css

FROM debian:bookworm-slim AS runtime
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# hadolint ignore=DL3008
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl; \
    rm -rf /var/lib/apt/lists/*; \
    useradd --system --uid 10001 --user-group --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin spendwise; \
    install -d -o spendwise -g spendwise -m 0750 /data /receipts

COPY --from=builder /out/spendwise /usr/local/bin/spendwise
COPY --from=builder /out/site /app/site
# Fails the build here, not at start, if the binary needs a shared library this image lacks.
RUN ["/usr/local/bin/spendwise", "--version"]

# /receipts is created (owned by spendwise) so a volume mounted there, as compose.yaml does with
# RECEIPT_STORE_URL=file:///receipts, starts out writable; by default receipts go under /data.
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    DATA_DIR=/data
WORKDIR /app
VOLUME ["/data"]
EXPOSE 3000
USER spendwise

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:3000/api/v1/health || exit 1

ENTRYPOINT ["spendwise"]
CMD ["serve"]
