#!/usr/bin/env bash
# Runs the pre-commit hook of this repository for real: installs pre-commit from PyPI into a
# scratch virtualenv, makes a scratch git repository holding a copy of examples/ (a catalogue)
# and an unrelated YAML file, and runs `pre-commit try-repo` against this repository the way a
# bank's designer would meet it. pre-commit builds loanspec with cargo (a release build: a few
# minutes the first time). Needs python3 with venv, git and network access to PyPI.
#
#   bash scripts/test-pre-commit.sh          # exit 0 when every expectation holds
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "pre-commit==4.5.1"
pc="$work/venv/bin/pre-commit"
"$pc" --version

# try-repo uses the repository's HEAD plus uncommitted changes; the hook must be committed or
# at least present in the working tree.
scratch="$work/bank"
mkdir -p "$scratch"
cp -r "$repo/examples" "$scratch/catalogue"
mkdir -p "$scratch/deploy"
printf 'replicas: 3\nimage: core-banking:1.0\n' > "$scratch/deploy/service.yaml"
cd "$scratch"
git init -q
git config user.email designer@bank.example
git config user.name designer
git add -A
git commit -qm "catalogue"

fail() { echo "FAILED: $*"; exit 1; }

echo "== 1. try-repo: the whole catalogue is clean (warnings do not fail the hook)"
"$pc" try-repo "$repo" loanspec-check --verbose --all-files > "$work/1.log" 2>&1 \
  || { cat "$work/1.log"; fail "a clean catalogue failed"; }
grep -q "loanspec check" "$work/1.log" || fail "the hook did not run"

# try-repo builds loanspec afresh on every call; the rest runs as the README's set-up does, a
# .pre-commit-config.yaml pinned to a commit (here this repository's HEAD), built once.
rev="$(git -C "$repo" rev-parse HEAD)"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: loanspec-check
YAML
git add .pre-commit-config.yaml
git commit -qm "pre-commit config"
try() { "$pc" run --verbose "$@"; }

echo "== 2. a staged product with an error fails, with the code and the line"
sed -i 's/max: 100万,/max: lots of money,/' catalogue/products/sme-quick.yaml
grep -q "max: lots of money" catalogue/products/sme-quick.yaml || fail "could not break the example"
git add catalogue/products/sme-quick.yaml
if try > "$work/2.log" 2>&1; then cat "$work/2.log"; fail "an error passed the hook"; fi
grep -q "LS1" "$work/2.log" || { cat "$work/2.log"; fail "no code in the hook's output"; }
grep -q "sme-quick.yaml" "$work/2.log" || { cat "$work/2.log"; fail "no file in the hook's output"; }
git checkout -q -- catalogue/products/sme-quick.yaml
git reset -q

echo "== 3. a staged YAML file outside any catalogue is skipped"
printf 'replicas: 4\nimage: core-banking:1.1\n' > deploy/service.yaml
git add deploy/service.yaml
try > "$work/3.log" 2>&1 || { cat "$work/3.log"; fail "a file outside the catalogue was checked"; }
git commit -qm "deploy"

echo "== 4. a staged loanspec.yaml re-checks the whole catalogue"
cat >> catalogue/loanspec.yaml <<'YAML'
custom_rules:
  - id: BANK001
    name: every-product-fails
    check: amount.max < 0
    message: "hook test: this custom rule fails every product"
YAML
git add catalogue/loanspec.yaml
if try > "$work/4.log" 2>&1; then cat "$work/4.log"; fail "a config change did not re-check the catalogue"; fi
n=$(grep -c "BANK001" "$work/4.log" || true)
[ "$n" -ge 11 ] || { cat "$work/4.log"; fail "expected BANK001 on all 11 products, saw $n"; }
git checkout -q -- catalogue/loanspec.yaml
git reset -q

echo "== 5. a staged product saved as .YML (any letter case) is checked too"
sed 's/code: SME-QUICK/code: SME-QUICK-YML/; s/max: 100万,/max: lots of money,/' \
  catalogue/products/sme-quick.yaml > catalogue/products/sme-quick-copy.YML
git add catalogue/products/sme-quick-copy.YML
if try > "$work/5.log" 2>&1; then cat "$work/5.log"; fail "a broken .YML product passed the hook"; fi
grep -q "sme-quick-copy.YML" "$work/5.log" || { cat "$work/5.log"; fail "the .YML file was not checked"; }

echo "all pre-commit expectations hold"
