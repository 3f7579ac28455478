#!/usr/bin/env bash
# Matrix growth benchmark (docs/PERFORMANCE.md, "Matrix throughput", "Growth").
#
#   mvn -B -q package -DskipTests && src/bench/sh/matrix-growth.sh [RUNS] [JOBS] [LAUNCHER...]
#
# The whole command (JVM start, cases, JSON report to /dev/null), RUNS times per size and launcher (default 3;
# default launcher target/kimpact; give two to compare builds: they alternate), for matrices of growing size:
#   360   = mpx-removal-4.21.yaml x 4 CPUs x 15 kernels (K15) x guests.rhel7.kernel=all
#   2160  = 360 x guests.rhel7-idle.kernel=all (6 guest models)
#   4320  = 2160 x guests.linux-5.6.kernel=rhel-7,linux-5.6
#   8640  = 2160 x guests.linux-5.6.kernel=rhel-7,rhel-8,linux-4.20,linux-5.6
# (12,960 = 2160 x 6 is over the limit of 10,000 cases per run.) Prints, per size and launcher, the medians of
# the wall time, of the wall time per 1,000 cases, of the CPU time (user + system, all threads: less sensitive to
# other jobs on a shared machine than the wall time) and of the peak RSS (GNU time's %M); and the load average.
set -euo pipefail

RUNS=${1:-3}
JOBS=${2:-2}
here=$(cd "$(dirname "$0")/../../.." && pwd)
shift $(( $# < 2 ? $# : 2 ))
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=("$here/target/kimpact")
for k in "${launchers[@]}"; do
    [ -x "$k" ] || { echo "not a launcher: $k (build first: mvn -B -q package -DskipTests)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time) for the peak RSS" >&2; exit 2; }
cd "$here"
S=scenarios/mpx-removal-4.21.yaml
# The 15 host kernels the matrices were first measured with (hosts.new.kernel=all has grown since), so that
# the sizes, and the numbers in docs/PERFORMANCE.md, stay comparable.
K15=4.14,4.19,4.20,5.0,5.1,5.4,5.6,5.10,5.15,5.16,5.17,6.1,6.6,6.12,6.16
M360="--matrix cpu=cascadelake-server,icelake-server,sapphirerapids,genoa --matrix hosts.new.kernel=$K15 --matrix guests.rhel7.kernel=all"
M2160="$M360 --matrix guests.rhel7-idle.kernel=all"
M4320="$M2160 --matrix guests.linux-5.6.kernel=rhel-7,linux-5.6"
M8640="$M2160 --matrix guests.linux-5.6.kernel=rhel-7,rhel-8,linux-4.20,linux-5.6"
work=$(mktemp -d "${TMPDIR:-/tmp}/kimpact-growth.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
    for n in 360 2160 4320 8640; do
        var=M$n
        for i in "${!launchers[@]}"; do
            s=$(date +%s%N)
            # shellcheck disable=SC2086
            /usr/bin/time -f '%M %U %S' -o "$work/rss" "${launchers[$i]}" run $S ${!var} --jobs "$JOBS" --format json \
                > /dev/null 2>> "$work/err" || true
            e=$(date +%s%N)
            read -r rss user sys < <(tail -1 "$work/rss")
            echo "$(( (e - s) / 1000000 )) $rss $(awk -v u="$user" -v s="$sys" 'BEGIN {print int((u + s) * 1000)}')" \
                >> "$work/$i-$n"
        done
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-8s %-6s %10s %16s %10s %12s\n' cases build "wall ms" "ms/1000 cases" "CPU ms" "peak RSS MB"
for n in 360 2160 4320 8640; do
    for i in "${!launchers[@]}"; do
        w=$(cut -d' ' -f1 "$work/$i-$n" | median)
        r=$(cut -d' ' -f2 "$work/$i-$n" | median)
        c=$(cut -d' ' -f3 "$work/$i-$n" | median)
        printf '%-8s %-6s %10s %16s %10s %12s\n' "$n" "#$((i + 1))" "$w" "$(( w * 1000 / n ))" "$c" "$(( r / 1024 ))"
    done
done
for i in "${!launchers[@]}"; do
    echo "#$((i + 1)) = ${launchers[$i]}"
done
