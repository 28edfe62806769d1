#!/usr/bin/env bash
# Renders the committee report of the example catalogue with headless Chromium: a PNG of the
# first screen at 1440×900 (the lifecycle board must be readable there) and a PDF on A4, to
# look at. Needs Debian's `chromium` and a CJK font (`apt-get install chromium fonts-noto-cjk`);
# not part of CI.
#
#   scripts/render-report.sh [LANG] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
lang="${1:-zh}"
out="${2:-target/report}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cargo run -q --release -- report examples/ --metrics examples/metrics/2026-11.csv --as-of 2026-11-29 \
  --lang "$lang" -o "$out/report-$lang.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --no-pdf-header-footer)
chromium "${flags[@]}" --screenshot="$out/report-$lang.png" --window-size=1440,900 "file://$out/report-$lang.html" 2>/dev/null
chromium "${flags[@]}" --print-to-pdf="$out/report-$lang.pdf" "file://$out/report-$lang.html" 2>/dev/null
if command -v pdfinfo >/dev/null; then pdfinfo "$out/report-$lang.pdf" | grep -E '^(Pages|Page size)'; fi
echo "wrote $out/report-$lang.html, .png and .pdf"
