#!/usr/bin/env bash
# Time `chronomap inspect --json FILE` against pandas.read_csv(FILE) on the same CSV, side by
# side in one run: one warm-up of each, then 5 runs of each, alternating A/B. Prints every
# run, the median wall time and peak memory of both, and how many times faster chronomap is.
#
#   scripts/compare_pandas.sh                       # target/acled_1m.csv (generated if missing)
#   scripts/compare_pandas.sh path/to/export.csv
#
# Needs /usr/bin/time (Debian/Ubuntu package `time`). Uses the system's pandas if
# `python3 -c 'import pandas'` works, otherwise a venv in target/pandas-venv (created once).
set -euo pipefail

cd "$(dirname "$0")/.."

CSV="${1:-target/acled_1m.csv}"
RUNS=5
VENV=target/pandas-venv

if [ ! -x /usr/bin/time ]; then
    echo "compare_pandas.sh: /usr/bin/time is missing; install it with:" >&2
    echo "    sudo apt-get install time" >&2
    exit 1
fi

if [ ! -f "$CSV" ]; then
    echo "== $CSV is missing: generating it"
    python3 scripts/gen_acled.py --out "$CSV"
fi

echo "== building chronomap (release)"
cargo build --release --bin chronomap
CHRONOMAP=target/release/chronomap

if python3 -c 'import pandas' 2>/dev/null; then
    PY=python3
else
    PY="$VENV/bin/python"
    if ! "$PY" -c 'import pandas' 2>/dev/null; then
        echo "== pandas is not installed: installing it into $VENV"
        if ! python3 -m venv "$VENV"; then
            echo "compare_pandas.sh: could not create a venv (on Debian/Ubuntu: apt-get install python3-venv)" >&2
            exit 1
        fi
        "$VENV/bin/pip" install --quiet pandas
    fi
fi
echo "== pandas $("$PY" -c 'import pandas; print(pandas.__version__)') ($PY)"
echo "== file: $CSV ($(wc -c <"$CSV") bytes)"

TIMES="$(mktemp)"
trap 'rm -f "$TIMES"' EXIT

# run NAME CMD...: runs CMD once with stdout discarded, prints "NAME wall_s peak_KiB".
run() {
    local name="$1"
    shift
    if ! /usr/bin/time -f '%e %M' -o "$TIMES" "$@" >/dev/null; then
        echo "compare_pandas.sh: '$*' failed" >&2
        exit 1
    fi
    echo "$name $(tail -n 1 "$TIMES")"
}

chronomap_run() { run chronomap "$CHRONOMAP" inspect --json "$CSV"; }
pandas_run() { run pandas "$PY" -c "import pandas as pd, sys; pd.read_csv(sys.argv[1])" "$CSV"; }

echo "== warm-up"
chronomap_run
pandas_run

echo "== $RUNS runs each, alternating (name, wall seconds, peak KiB)"
RESULTS=""
for i in $(seq 1 "$RUNS"); do
    a="$(chronomap_run)"
    b="$(pandas_run)"
    echo "$i $a"
    echo "$i $b"
    RESULTS+="$a"$'\n'"$b"$'\n'
done

# median NAME COLUMN: the median of COLUMN (2 = seconds, 3 = KiB) over NAME's runs.
median() {
    printf '%s' "$RESULTS" | awk -v n="$1" -v c="$2" '$1 == n { print $c }' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

c_wall="$(median chronomap 2)"
p_wall="$(median pandas 2)"
c_mem="$(median chronomap 3)"
p_mem="$(median pandas 3)"

echo "== medians over $RUNS runs"
awk -v cw="$c_wall" -v pw="$p_wall" -v cm="$c_mem" -v pm="$p_mem" 'BEGIN {
    printf "chronomap inspect --json: %6.2f s  %8.1f MiB peak\n", cw, cm / 1024
    printf "pandas.read_csv:          %6.2f s  %8.1f MiB peak\n", pw, pm / 1024
    if (cw > 0) printf "pandas / chronomap: %.1fx (wall time; chronomap is %.1f times faster)\n", pw / cw, pw / cw
    else print "pandas / chronomap: chronomap took under the 10 ms resolution of /usr/bin/time"
    if (cm > 0) printf "peak memory, pandas / chronomap: %.2fx\n", pm / cm
}'
