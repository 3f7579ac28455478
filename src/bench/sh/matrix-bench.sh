#!/usr/bin/env bash
# Matrix throughput benchmark (docs/PERFORMANCE.md, "Matrix throughput").
#
#   mvn -B -q package -DskipTests && src/bench/sh/matrix-bench.sh [RUNS] [LAUNCHER]
#
# Cold runs of the launcher (a new JVM each time), alternating between the four configurations:
#   A = mpx-removal-4.21.yaml x 4 CPUs x 15 kernels (K15) x guests.rhel7.kernel=all   (360 cases)
#   B = A x guests.rhel7-idle.kernel=all                                                      (2,160 cases)
# each with --jobs 1 and --jobs 2. Prints, per configuration, the cases/s that -v reports (the cases, and the
# json findings written as they complete; no JVM start, not the rest of the report) and the wall time of the
# whole command, both as median (best). The growth of time and memory with the matrix: matrix-growth.sh.
# Then the warm throughput: B six times in one JVM (src/bench/java/dev/kimpact/bench/MatrixLoop.java).
set -euo pipefail

RUNS=${1:-5}
here=$(cd "$(dirname "$0")/../../.." && pwd)
K=${2:-$here/target/kimpact}
[ -x "$K" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
cd "$here"
S=scenarios/mpx-removal-4.21.yaml
# The 15 host kernels the matrices were first measured with (hosts.new.kernel=all has grown since), so that
# the sizes, and the numbers in docs/PERFORMANCE.md, stay comparable.
K15=4.14,4.19,4.20,5.0,5.1,5.4,5.6,5.10,5.15,5.16,5.17,6.1,6.6,6.12,6.16
A="--matrix cpu=cascadelake-server,icelake-server,sapphirerapids,genoa --matrix hosts.new.kernel=$K15 --matrix guests.rhel7.kernel=all"
B="$A --matrix guests.rhel7-idle.kernel=all"
work=$(mktemp -d "${TMPDIR:-/tmp}/kimpact-matrix.XXXXXX")
trap 'rm -rf "$work"' EXIT

for _ in $(seq "$RUNS"); do
    for m in A B; do
        for j in 1 2; do
            args=$([ $m = A ] && echo "$A" || echo "$B")
            s=$(date +%s%N)
            # shellcheck disable=SC2086
            "$K" -v run $S $args --jobs $j --format json 2> "$work/err" > /dev/null || true
            e=$(date +%s%N)
            rate=$(sed -n 's/.*(\([0-9]*\) cases\/s.*/\1/p' "$work/err")
            echo "$rate $(( (e - s) / 1000000 ))" >> "$work/$m-$j"
        done
    done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for m in A B; do
    for j in 1 2; do
        r=$(cut -d' ' -f1 "$work/$m-$j" | median); rb=$(cut -d' ' -f1 "$work/$m-$j" | sort -n | tail -1)
        w=$(cut -d' ' -f2 "$work/$m-$j" | median); wb=$(cut -d' ' -f2 "$work/$m-$j" | sort -n | head -1)
        echo "matrix $m --jobs $j: $r cases/s median ($rb best); wall $w ms median ($wb best)"
    done
done

jar=$(dirname "$K")/kimpact.jar
mkdir -p "$work/bench"
javac -cp "$jar" -d "$work/bench" src/bench/java/dev/kimpact/bench/MatrixLoop.java
for j in 1 2; do
    echo "warm, matrix B, --jobs $j:"
    # shellcheck disable=SC2086
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn16m -cp "$jar:$work/bench" dev.kimpact.bench.MatrixLoop 6 run $S $B \
        --jobs $j --format json | sed 's/^/  /'
done
