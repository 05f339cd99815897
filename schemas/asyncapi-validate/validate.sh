#!/usr/bin/env bash
# Validates the AsyncAPI document with the AsyncAPI CLI (its parser reads the Avro payloads through
# @asyncapi/avro-schema-parser, both pinned in package.json), failing on any error or warning. Then proves the check
# can fail: a copy whose payload reference points at a missing .avsc, and a copy with a malformed Avro schema, must
# both be refused. Needs node and npm; installs the pinned packages with `npm ci`. No analytics are sent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
schemas=$(dirname "$here")
document=asyncapi/entente.asyncapi.yaml

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The CLI sends usage analytics unless its settings file says no; give it one of our own.
printf '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"entente-ci"}' >"$scratch/analytics.json"
export ASYNCAPI_METRICS_CONFIG_PATH="$scratch/analytics.json" SUPPRESS_NO_CONFIG_WARNING=1 CI=true

[ -d "$here/node_modules/@asyncapi/cli" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null

validate() {
  "$here/node_modules/.bin/asyncapi" validate "$1" --fail-severity=warn
}

echo "-- $document"
validate "$schemas/src/main/$document"

# The document refers to ../avro/*.avsc: a broken copy needs both folders side by side.
broken() {
  rm -rf "$scratch/copy"
  mkdir -p "$scratch/copy"
  cp -r "$schemas/src/main/asyncapi" "$schemas/src/main/avro" "$scratch/copy/"
}
refused() {
  if validate "$scratch/copy/$document" >"$scratch/out.txt" 2>&1; then
    echo "self-test: a document with $1 passed validation" >&2
    cat "$scratch/out.txt" >&2
    return 1
  fi
  echo "self-test: refused, as it should be: $1"
}
broken; rm "$scratch/copy/avro/FunnelMetrics.avsc"
refused "a payload reference to a missing .avsc"
broken; sed -i 's/"type": "record"/"type": "recordz"/' "$scratch/copy/avro/FunnelEvent.avsc"
refused "a malformed Avro schema"
