#!/usr/bin/env bash
# Installs what medkg needs from Debian's packages (only what is missing), then configures and
# builds into build/. Idempotent; downloads nothing beyond Debian packages.
# Usage: scripts/setup.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    build-essential cmake ninja-build pkg-config
    libboost-graph-dev rapidjson-dev libcurl4-openssl-dev libcli11-dev catch2 libyaml-cpp-dev
    libcmark-gfm-dev libcmark-gfm-extensions-dev
    graphviz python3 python3-networkx python3-igraph
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

build_dir=${MEDKG_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMEDKG_WERROR="${MEDKG_WERROR:-OFF}" -DMEDKG_SANITIZE="${MEDKG_SANITIZE:-}" >&2
cmake --build "$build_dir" >&2
echo "setup: built $build_dir/medkg" >&2
