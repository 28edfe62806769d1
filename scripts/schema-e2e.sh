#!/usr/bin/env bash
# The committed JSON Schemas in Red Hat's yaml-language-server, as VS Code's YAML extension runs
# them (editors/yaml-language-server/e2e.py): no false alarm on the examples, completion writes
# `key: `, hover shows the field's meaning, unit and code errors in bank words.
#
#   bash scripts/schema-e2e.sh        (installs yaml-language-server 1.25.0 from npm into a scratch folder)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${LOANSPEC_YLS_DIR:-${TMPDIR:-/tmp}/loanspec-yls}"
if [ ! -x "$scratch/node_modules/.bin/yaml-language-server" ]; then
    mkdir -p "$scratch"
    (cd "$scratch" && npm install --silent --no-audit --no-fund yaml-language-server@1.25.0 >/dev/null)
fi
python3 editors/yaml-language-server/e2e.py "$scratch/node_modules/.bin/yaml-language-server" .
