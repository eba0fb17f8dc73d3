#!/usr/bin/env bash
# Instructions executed inside Extractor::extract per steady-state pass over the seed articles:
# callgrind over one pass and over eleven, the difference divided by ten (without the one-time
# regex compilation and gazetteer load). Independent of the machine's load.
#   cargo build --release --example extract && tools/extract-profile/instructions.sh target/release/examples/extract [OUT]
set -eu
bin=$1; out=${2:-/tmp/planledger-cg.out}
corpus=${PLANLEDGER_CORPUS:-$(dirname "$0")/../../../shared/corpus}
f=("$corpus"/*.txt)
many=(); for _ in $(seq 11); do many+=("${f[@]}"); done
count() { valgrind --tool=callgrind --callgrind-out-file="$1" --toggle-collect='*Extractor*extract*' \
  "$bin" --date 2020-01-01 "${@:2}" 2>&1 >/dev/null | grep -oP 'Collected : \K[0-9]+'; }
one=$(count "$out.one" "${f[@]}")
all=$(count "$out" "${many[@]}")
echo "per pass: $(( (all - one) / 10 )) instructions (first pass $one); profile in $out"
