#!/usr/bin/env bash
# loanspec's language server in a real editor: Neovim, headless (editors/neovim/e2e.lua). Opens
# an example, edits it, waits for the finding, hovers, undoes, jumps to a product line.
#
#   bash scripts/editor-e2e.sh [PATH_TO_LOANSPEC]     (default: target/debug/loanspec)
#
# Needs `nvim` 0.7 or later (Debian: `apt-get install neovim`). Exit 0 when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-target/debug/loanspec}")"
command -v nvim >/dev/null || { echo "editor-e2e: nvim is not installed" >&2; exit 2; }
LOANSPEC="$bin" CATALOGUE="$PWD/examples" timeout 120 nvim --headless --clean -n -c "luafile editors/neovim/e2e.lua" 2>&1
