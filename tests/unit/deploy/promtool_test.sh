#!/usr/bin/env bash
# deploy/prometheus with Prometheus's own tool: the scrape config and the rules load, every
# alert's unit tests pass, and every alert has a unit test and a runbook section.
# Exit 77 (skipped) where promtool is missing (Debian package prometheus, tools/setup).
# Usage: promtool_test.sh SOURCE_DIR
set -euo pipefail
dir="$1/deploy/prometheus"
runbook="$1/deploy/runbook.md"
if ! command -v promtool >/dev/null; then
  echo "SKIP: promtool is not installed (Debian package prometheus)"
  exit 77
fi
promtool check config "$dir/prometheus.yml"
promtool check rules "$dir/samsag-rules.yml"
promtool test rules "$dir/tests/samsag-rules.test.yml"

alerts=$(sed -n 's/^ *- alert: *//p' "$dir/samsag-rules.yml")
[ -n "$alerts" ] || { echo "FAIL: no alerts found in samsag-rules.yml"; exit 1; }
for alert in $alerts; do
  grep -q "alertname: $alert\$" "$dir/tests/samsag-rules.test.yml" \
    || { echo "FAIL: $alert has no unit test"; exit 1; }
  grep -q "^## $alert\$" "$runbook" || { echo "FAIL: $alert has no section in deploy/runbook.md"; exit 1; }
  anchor=$(tr '[:upper:]' '[:lower:]' <<<"$alert")
  grep -q "runbook_url: deploy/runbook.md#$anchor\$" "$dir/samsag-rules.yml" \
    || { echo "FAIL: $alert's runbook_url does not point at its section"; exit 1; }
done
echo "ok: $(wc -w <<<"$alerts") alerts, each with a unit test and a runbook section"
