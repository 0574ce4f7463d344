#!/bin/sh
# One libFuzzer harness for a while, on its seed corpus: what it finds
# new goes to a scratch folder (the seeds in the source tree stay as they
# are); a crash leaves crash-* or leak-* in the working folder and fails.
# usage: run-fuzz.sh HARNESS SEED-FOLDER [SECONDS]
# SECONDS defaults to $KARTLESER_FUZZ_SECONDS, else 5.
set -eu
harness=${1:?usage: run-fuzz.sh HARNESS SEED-FOLDER [SECONDS]}
seeds=${2:?usage: run-fuzz.sh HARNESS SEED-FOLDER [SECONDS]}
seconds=${3:-${KARTLESER_FUZZ_SECONDS:-5}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" "$seeds"
