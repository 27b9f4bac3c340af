#!/usr/bin/env bash
# Builds (installing what is missing) and runs every test: unit tests per module, golden
# exports, CLI tests and integration with Graphviz dot, NetworkX and igraph.
# Environment: MEDKG_BUILD_DIR (default build), MEDKG_WERROR=ON, MEDKG_SANITIZE="address;undefined".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${MEDKG_BUILD_DIR:-build}
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
