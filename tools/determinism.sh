#!/usr/bin/env bash
# Runs the extract example N times (separate processes: each gets new hash seeds) over every
# text of the given folders and names the texts whose output is not the same every time.
#   cargo build --release --example extract && tools/determinism.sh target/release/examples/extract 12 DIR...
# A folder's SOURCES.md gives each text's date, as for ../shared/eval/run_set.sh.
set -u
bin=$1; n=$2; shift 2
varied=0
for dir in "$@"; do
  for txt in "$dir"/*.txt; do
    base=$(basename "$txt" .txt)
    date=$(grep -F "$base" "$dir/SOURCES.md" 2>/dev/null | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | head -1)
    args=(); [ -n "$date" ] && args=(--date "$date")
    k=$(for _ in $(seq "$n"); do "$bin" "${args[@]}" "$txt" 2>&1 | md5sum; done | sort -u | wc -l)
    if [ "$k" -gt 1 ]; then echo "varies ($k outputs in $n runs): $txt"; varied=1; fi
  done
done
echo "checked: $n runs per text"
exit "$varied"
