#!/usr/bin/env bash
# Every deploy/municipalities/*/samsag.yaml (and deploy/compose/samsag.yaml) passes
# `samsag config check`, and a copy with deliberate mistakes fails with file:line for each. The production configs read
# ${file:kafka-password} beside themselves when they load (as every process does from its
# credentials directory), so each is checked from a scratch directory holding a dummy secret;
# SAMSAG_KAFKA_USERNAME is set per process in production.
# Usage: config_check_test.sh SAMSAG_BINARY SOURCE_DIR
set -euo pipefail
samsag=$1
source_dir=$2
if [ ! -x "$samsag" ]; then
  echo "FAIL: $samsag is not built (cmake --build --preset default --target samsag)"
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export SAMSAG_KAFKA_USERNAME=config-check
export SAMSAG_DEMO_DIR="$scratch/demo"

checked=0
failed=0
for config in "$source_dir"/deploy/municipalities/*/samsag.yaml "$source_dir"/deploy/compose/samsag.yaml; do
  slug=$(basename "$(dirname "$config")")  # compose for deploy/compose
  mkdir -p "$scratch/$slug"
  cp "$config" "$scratch/$slug/samsag.yaml"
  printf 'not-a-real-password\n' > "$scratch/$slug/kafka-password"
  if "$samsag" config check -c "$scratch/$slug/samsag.yaml"; then
    checked=$((checked + 1))
  else
    echo "FAIL: deploy/municipalities/$slug/samsag.yaml does not pass config check"
    failed=$((failed + 1))
  fi
done
if [ "$checked" -lt 8 ] || [ "$failed" -ne 0 ]; then
  echo "FAIL: $checked configs passed, $failed failed (expected the demo, the six cities and compose)"
  exit 1
fi

# A copy of København's config with two mistakes: a misspelt key and an audit retention below the
# six months domain.md §11 requires. Both must be reported at their own line, and the check must
# exit 1.
bad="$scratch/koebenhavn/samsag.yaml"
sed -i -e 's/^  replication_factor: 3/  replication_factr: 3/' \
       -e 's/^    audit_days: 1825$/    audit_days: 90/' "$bad"
typo_line=$(grep -n '^  replication_factr:' "$bad" | cut -d: -f1)
audit_line=$(grep -n '^    audit_days: 90$' "$bad" | cut -d: -f1)
if [ -z "$typo_line" ] || [ -z "$audit_line" ]; then
  echo "FAIL: the mistakes were not planted (did the config's layout change?)"
  exit 1
fi
set +e
output=$("$samsag" config check -c "$bad" 2>&1)
status=$?
set -e
echo "$output"
if [ "$status" -ne 1 ]; then
  echo "FAIL: config check exited $status on a config with mistakes, expected 1"
  exit 1
fi
for line in "$typo_line" "$audit_line"; do
  if ! grep -q "^$bad:$line: " <<<"$output"; then
    echo "FAIL: no problem reported as $bad:$line"
    exit 1
  fi
done
echo "ok: $checked configs pass; the planted mistakes fail at lines $typo_line and $audit_line"
