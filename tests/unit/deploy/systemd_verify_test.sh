#!/usr/bin/env bash
# `systemd-analyze verify` accepts deploy/systemd's units, instantiated as ops would
# (samsag-adapter@koebenhavn-employment, with both drop-ins; samsag-bridge@koebenhavn), without
# a warning. verify needs ExecStart's binary to exist, so a scratch copy points at the built
# samsag. Exit 77 (skipped) where systemd-analyze is missing. No root needed.
# Usage: systemd_verify_test.sh SAMSAG_BINARY SOURCE_DIR
set -euo pipefail
samsag=$1
source_dir=$2
if [ ! -x "$samsag" ]; then
  echo "FAIL: $samsag is not built (cmake --build --preset default --target samsag)"
  exit 1
fi
if ! command -v systemd-analyze >/dev/null; then
  echo "SKIP: systemd-analyze is not installed (Debian package systemd)"
  exit 77
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
units="$source_dir/deploy/systemd"
for unit in samsag-adapter@.service samsag-bridge@.service; do
  sed "s|/usr/bin/samsag|$samsag|g" "$units/$unit" > "$scratch/$unit"
done
# The drop-ins' settings, checked in the unit they extend (sections may repeat in unit files).
cat "$scratch/samsag-adapter@.service" "$units/spool.conf" "$units/intake-tls.conf" \
  > "$scratch/samsag-adapter-dropins@.service"
# A unit with a mistake, to show that this test notices one.
sed 's/^Type=notify$/Type=notifyy/' "$scratch/samsag-bridge@.service" > "$scratch/broken@.service"
cd "$scratch"
ln -s samsag-adapter@.service samsag-adapter@koebenhavn-employment.service
ln -s samsag-adapter-dropins@.service samsag-adapter-dropins@koebenhavn-social.service
ln -s samsag-bridge@.service samsag-bridge@koebenhavn.service
ln -s broken@.service broken@koebenhavn.service

verify() {
  # Parse errors and unknown keys are warnings (exit 0): any line naming our files is a failure.
  local output status=0
  output=$(systemd-analyze verify --man=no "$@" 2>&1) || status=$?
  printf '%s\n' "$output" | grep -E "$scratch|samsag|broken" || true
  [ "$status" -eq 0 ] && ! grep -qE "$scratch|samsag|broken" <<<"$output"
}

if ! verify broken@koebenhavn.service >/dev/null; then
  echo "ok: a unit with a mistake is noticed"
else
  echo "FAIL: verify did not notice Type=notifyy; this test would miss real mistakes"
  exit 1
fi
verify samsag-adapter@koebenhavn-employment.service samsag-adapter-dropins@koebenhavn-social.service \
  samsag-bridge@koebenhavn.service
echo "ok: systemd-analyze verify accepts samsag-adapter@.service, its drop-ins and samsag-bridge@.service"
