#!/usr/bin/env bash
# Schema-based fuzzing of the DUI API with schemathesis: every operation of /api/v1/openapi.json, called with
# the demo partner's token (server/src/demo.rs) on the demo ménage admitted at the CHRS and one of its persons.
# Fails on any 5xx and on any answer that does not match the schema. Not checked: that schema-valid data is
# accepted (positive_data_acceptance): a code missing from its référentiel or a broken business rule is a
# documented 422, whatever the schema lets through.
# Usage: end2end/api_fuzz.sh BASE_URL DATABASE_URL [MAX_EXAMPLES]
set -euo pipefail
base="$1" db="$2" examples="${3:-40}"
cd "$(dirname "$0")/.."
client_id=dui_chrshorizondemoabcde
secret=sk_demo_3d5f0c9e1b7a46c2a8e4d2f6b9c1e7a5d3f0b8c6e4a2d9f7b5c3e1a0f8d6b4c2
menage_id=00000000-0000-0000-0000-000000351008
# The fuzzer calls much faster than a partner may.
psql "$db" -qc "UPDATE partenaires SET limite_minute = 1000000 WHERE client_id = '$client_id'"
menage="$(psql "$db" -tAc "SELECT cle FROM menages WHERE id = '$menage_id'")"
personne="$(psql "$db" -tAc "SELECT p.cle FROM personnes p JOIN menage_membres mm ON mm.personne_id = p.id
                             WHERE mm.menage_id = '$menage_id' AND mm.jusqu_au IS NULL ORDER BY mm.id DESC LIMIT 1")"
[ -n "$menage" ] && [ -n "$personne" ] || { echo "the demo ménage admitted at the CHRS is missing" >&2; exit 1; }
token="$(curl -sf -d grant_type=client_credentials -d "client_id=$client_id" -d "client_secret=$secret" \
  "$base/api/v1/oauth/token" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')"
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
cat >"$config" <<TOML
[[operations]]
include-path-regex = "/menages/"
parameters = { cle = "$menage" }

[[operations]]
include-path-regex = "/personnes/"
parameters = { cle = "$personne" }
TOML
.venv/bin/schemathesis --config-file "$config" run "$base/api/v1/openapi.json" --url "$base" \
  -H "Authorization: Bearer $token" --max-examples "$examples" --seed 20261205 --no-color \
  --exclude-checks positive_data_acceptance
