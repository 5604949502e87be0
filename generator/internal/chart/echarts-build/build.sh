#!/usr/bin/env bash
# Builds the site's ECharts bundle from entry.js with the pinned npm
# packages (echarts 6.1.0, esbuild 0.28.2 in .ci/npm):
#
#   bash generator/internal/chart/echarts-build/build.sh [NODE_MODULES [OUT]]
#
# NODE_MODULES defaults to $PORTAL_NPM_DIR, else .ci/npm/node_modules of the
# repository (npm ci --prefix .ci/npm --ignore-scripts); OUT defaults to
# ../echarts/echarts.portal.min.js beside this script. The output is the
# same bytes on every run: esbuild runs from this directory on relative
# paths, and nothing of the time or the machine goes in.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
nm="${1:-${PORTAL_NPM_DIR:-$repo/.ci/npm/node_modules}}"
out="${2:-$here/../echarts/echarts.portal.min.js}"
nm="$(cd "$nm" && pwd)"

for f in echarts/package.json esbuild/bin/esbuild; do
  if [ ! -e "$nm/$f" ]; then
    echo "build.sh: $nm/$f missing: run npm ci --prefix .ci/npm --ignore-scripts, or pass the node_modules directory" >&2
    exit 2
  fi
done
command -v node >/dev/null || { echo "build.sh: node missing" >&2; exit 2; }
want_echarts=6.1.0 want_esbuild=0.28.2
got_echarts="$(node -p "require('$nm/echarts/package.json').version")"
got_esbuild="$(node "$nm/esbuild/bin/esbuild" --version)"
if [ "$got_echarts" != "$want_echarts" ] || [ "$got_esbuild" != "$want_esbuild" ]; then
  echo "build.sh: need echarts $want_echarts and esbuild $want_esbuild, found $got_echarts and $got_esbuild" >&2
  exit 2
fi

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
cd "$here"
# NODE_PATH lets entry.js import echarts/* from a node_modules directory
# that is not above it. process.env.NODE_ENV=production drops ECharts'
# development warnings; ES2017 keeps the syntax old browsers parse.
NODE_PATH="$nm" node "$nm/esbuild/bin/esbuild" entry.js \
  --bundle --format=iife --minify --target=es2017 \
  --define:process.env.NODE_ENV='"production"' \
  --legal-comments=none --banner:js="$(cat banner.js)" \
  --log-level=warning --outfile="$tmp"
cat "$tmp" >"$out"
