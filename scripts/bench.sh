#!/usr/bin/env bash
# The speed table (issue 15), rerunnable by anyone: installs jsonschema-cli 0.60 into a scratch
# folder if it is missing, then `cargo bench --bench catalogue -- table` builds the catalogues
# and prints every row against its target; on the 1,000 specs loanspec (every rule) and
# jsonschema-cli (the schema only, `schemas/product.schema.json`, the same YAML files) run
# alternately, and the row gives the median of the pairs' ratios.
#
#   bash scripts/bench.sh        (minutes: the first run compiles jsonschema-cli; not run by CI)
#
# Needs cargo and Linux (peak memory is read from /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${LOANSPEC_BENCH_DIR:-${TMPDIR:-/tmp}/loanspec-bench}"
cli="$scratch/jsonschema/bin/jsonschema-cli"
if [ ! -x "$cli" ]; then
    echo "installing jsonschema-cli 0.60 into $scratch/jsonschema (once)" >&2
    cargo install --quiet --locked jsonschema-cli --version '^0.60' --root "$scratch/jsonschema"
fi
echo "$("$cli" --version); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
JSONSCHEMA_CLI="$cli" cargo bench --quiet --bench catalogue -- table
