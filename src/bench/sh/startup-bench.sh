#!/usr/bin/env bash
# Start-up benchmark (docs/PERFORMANCE.md, "Start-up").
#
#   mvn -B -q package -DskipTests && bench/startup-bench.sh [RUNS] [LAUNCHER]
#
# Times, cold JVM every run, side by side in one hyperfine run:
#   - a trivial Java main (prints one line) with the JVM's default flags and with the launcher's JVM flags
#     (C1 only, SerialGC, CDS relocation mode 0; not its class-data archive, which is kimpact's classes),
#   - kimpact --version,
#   - kimpact run scenarios/mpx-removal-4.21.yaml,
# all on the same `java`. LAUNCHER (default target/kimpact) lets the same script time another build's launcher.
# Falls back to a loop timed with date +%s%N when hyperfine is not installed (apt-get install hyperfine).
set -euo pipefail

RUNS=${1:-20}
here=$(cd "$(dirname "$0")/../../.." && pwd)
K=${2:-$here/target/kimpact}
[ -x "$K" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; javac="$JAVA_HOME/bin/javac"; else java=java; javac=javac; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kimpact-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
EOF
"$javac" -d "$work" "$work/Hello.java"
"$java" -version 2>&1 | head -1

# Warm the launcher once outside the timing (it makes its class-data archive on first use if the build did not).
"$K" --version > /dev/null
"$K" run "$here/scenarios/mpx-removal-4.21.yaml" > /dev/null || true

trivial="$java -cp $work Hello"
trivial_flags="$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn16m -Xshare:auto -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -cp $work Hello"
version="$K --version"
run="$K run $here/scenarios/mpx-removal-4.21.yaml"

if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 2 --runs "$RUNS" -i --export-markdown "$work/bench.md" \
        -n "trivial main (default flags)" "$trivial" \
        -n "trivial main (launcher flags)" "$trivial_flags" \
        -n "kimpact --version" "$version" \
        -n "kimpact run mpx-removal-4.21.yaml" "$run"
    cat "$work/bench.md"
else
    time_ms() { local s e; s=$(date +%s%N); $1 > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
    for name in "trivial main:$trivial" "trivial main (launcher flags):$trivial_flags" \
                "kimpact --version:$version" "kimpact run:$run"; do
        label=${name%%:*}; cmd=${name#*:}
        times=$(for _ in $(seq "$RUNS"); do time_ms "$cmd"; done | sort -n | tr '\n' ' ')
        echo "$label: ${times}ms (sorted; median is the middle one)"
    done
fi
