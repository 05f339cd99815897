#!/usr/bin/env bash
# Unit tests of the alert rules in components/monitoring: the groups of its PrometheusRule are written out as a plain
# Prometheus rules file, which promtool checks (syntax, templates) and tests against rules-test.yaml (series in,
# alerts expected out). The Grafana dashboard's queries are parsed by promtool too, written as recording rules. Needs promtool (Debian's prometheus package; nothing here starts a Prometheus server) and
# `npm ci` in this folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
component="$here/../components/monitoring"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$here/validate.mjs" --rule-groups "$component/prometheus-rules.yaml" >"$work/entente.rules.yaml"
cp "$component/rules-test.yaml" "$work/"
promtool check rules "$work/entente.rules.yaml"
promtool test rules "$work/rules-test.yaml"
node "$here/validate.mjs" --dashboard-queries "$component/entente-dashboard.json" >"$work/dashboard-queries.yaml"
promtool check rules "$work/dashboard-queries.yaml"
