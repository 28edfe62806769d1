#!/usr/bin/env bash
# Runs loanspec's fuzz targets with cargo-fuzz on the machine's one stable toolchain.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# cargo-fuzz asks rustc for nightly-only flags (-Z sanitizer, -Cpasses=sancov-module, ...);
# RUSTC_BOOTSTRAP=1 lets a stable rustc accept them. `-s none` builds without AddressSanitizer:
# loanspec forbids unsafe code, so ASan would only slow the run (91 against 418 runs a second for
# check_spec here) while libFuzzer's coverage still guides it. Each target starts from seeds
# copied from examples/ and tests/fixtures/ plus fuzz/regressions/<target>/, into
# fuzz/corpus/<target>/ (not committed); a crash lands in fuzz/artifacts/<target>/: copy it into
# fuzz/regressions/<target>/, where `cargo test` replays it (tests/meta.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check_spec catalogue_config units renderers csv_readers)
export RUSTC_BOOTSTRAP=1

seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    case "$target" in
        check_spec) find examples tests/fixtures -name '*.y*ml' ! -name loanspec.yaml -exec cp {} "$dir/" \; ;;
        catalogue_config) for f in $(find examples tests/fixtures -name loanspec.yaml); do cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
        renderers) find examples/products tests/fixtures/yaml -name '*.yaml' -exec cp {} "$dir/" \; ;;
        csv_readers) cp examples/metrics/*.csv data/lpr-history.csv "$dir/" ;;
        units) for v in 500万 1.5亿 1千万 100万元 5,000,000 ５００万 1.5% 150bp -20bp 0.5% 6M 1Y 1.5Y 15D 90D 6个月 1年 15天 30min 2h 1D 2小时 \
                 2025-09-01 2025-02-30 "LPR1Y + 50bp" "LPR5Y - 20bp" LPR1Y "LPR1Y + 0.5%" 4.35% "LPR1Y + 80基点" 1e400; do
                   printf '%s' "$v" > "$dir/$(printf '%s' "$v" | sha256sum | cut -c1-16)"; done ;;
    esac
    if [ -d "fuzz/regressions/$target" ]; then cp fuzz/regressions/"$target"/* "$dir/" 2>/dev/null || true; fi
}

# Built once, then run directly: a later change to the sources does not rebuild mid-campaign.
cargo fuzz build -O -s none
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
mkdir -p fuzz/artifacts
for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "fuzz/artifacts/$target"
    echo "== $target, $seconds s"
    "$bin/$target" "fuzz/corpus/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=10 -print_final_stats=1 2>&1 \
        | grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)|ERROR|panicked|SUMMARY' || true
done
