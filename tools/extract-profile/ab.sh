#!/usr/bin/env bash
# Wall-clock A/B of extract binaries in the same load: the seed articles repeated 300 times,
# each binary in turn, startup (one pass) subtracted.
#   tools/extract-profile/ab.sh ROUNDS BIN_A BIN_B...
set -eu
rounds=$1; shift
corpus=${PLANLEDGER_CORPUS:-$(dirname "$0")/../../../shared/corpus}
f=("$corpus"/*.txt); many=(); for _ in $(seq 300); do many+=("${f[@]}"); done
bytes=$(( $(cat "${f[@]}" | wc -c) * 299 ))
t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
for _ in $(seq "$rounds"); do
  for b in "$@"; do
    one=$(t "$b" --date 2020-01-01 "${f[@]}"); all=$(t "$b" --date 2020-01-01 "${many[@]}")
    echo "$b $(echo "scale=1; $bytes / ($all - $one) / 1048576" | bc) MiB/s"
  done
done
