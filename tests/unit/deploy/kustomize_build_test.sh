#!/usr/bin/env bash
# Every overlay in deploy/kubernetes builds with the real kustomize (kubectl kustomize), which
# also resolves the ConfigMap generator and name references the C++ checker only models.
# Exit 77 (skipped) where kubectl is missing; deploy_manifest_test checks the invariants anyway.
# Usage: kustomize_build_test.sh SOURCE_DIR
set -euo pipefail
if ! command -v kubectl >/dev/null; then
  echo "SKIP: kubectl is not installed"
  exit 77
fi
built=0
for overlay in "$1"/deploy/kubernetes/overlays/*/; do
  output=$(kubectl kustomize "$overlay")
  # The Deployments must mount the generated ConfigMap under its hashed name.
  name=$(sed -n 's/^  name: \(samsag-config-[a-z0-9]*\)$/\1/p' <<<"$output" | head -1)
  [ -n "$name" ] || { echo "FAIL: $overlay generates no samsag-config"; exit 1; }
  if grep -qE '^ +name: samsag-config$' <<<"$output"; then
    echo "FAIL: $overlay refers to samsag-config without its hash"; exit 1
  fi
  built=$((built + 1))
done
echo "ok: $built overlays build"
