#!/usr/bin/env bash
# Renders the cost disclosure of an example product to HTML, PDF (A4) and PNG with headless
# Chromium, to look at how it prints. Needs Debian's `chromium` and a CJK font
# (`apt-get install chromium fonts-noto-cjk`); not part of CI.
#
#   scripts/render-disclosure.sh [SPEC] [AMOUNT] [TERM] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-examples/products/consumer-installment.yaml}"
amount="${2:-10万}"
term="${3:-12M}"
out="${4:-target/disclosure}"
mkdir -p "$out"
cargo run -q --release -- disclose "$spec" --amount "$amount" --term "$term" --as-of 2026-11-29 -o "$out/disclosure.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --no-pdf-header-footer)
chromium "${flags[@]}" --print-to-pdf="$out/disclosure.pdf" "file://$PWD/$out/disclosure.html" 2>/dev/null
# 794 × 1123 CSS pixels is A4 at 96 dpi.
chromium "${flags[@]}" --screenshot="$out/disclosure.png" --window-size=794,1123 "file://$PWD/$out/disclosure.html" 2>/dev/null
if command -v pdfinfo >/dev/null; then pdfinfo "$out/disclosure.pdf" | grep -E '^(Pages|Page size)'; fi
echo "wrote $out/disclosure.html, .pdf and .png"
