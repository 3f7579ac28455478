#!/usr/bin/env bash
# Benchmark of `kimpact series` against C git on a synthetic repository (docs/PERFORMANCE.md, "series").
#
#   mvn -B -q package -DskipTests && src/bench/sh/series-bench.sh [COMMITS] [RUNS] [LAUNCHER]
#   REPO=DIR RANGE=A..B AGAINST=REF src/bench/sh/series-bench.sh - [RUNS] [LAUNCHER]     # an existing repository
#
# Generates, in a temporary directory, a repository of COMMITS (default 5000) commits with `git fast-import`:
# 500 files under a kernel-like tree, a MAINTAINERS with F:/X:/N:/K: entries, 1-3 files touched per commit,
# trailers in every message, a rename every 97 commits; and a branch `other` forking 100 commits before the
# tip that conflicts with master in one file. Then times, cold JVM each run:
#   kimpact series --repo R --range FIRST..master --against other --format json
# side by side with what C git needs for the same information:
#   git log -M --name-status (+ messages) FIRST..master  &&  git merge-tree --write-tree master other
# with hyperfine if installed (apt-get install hyperfine), else a loop timed with date +%s%N. kimpact runs twice:
# cold (KIMPACT_CACHE=off: nothing cached, as a first run) and repeated (its cache, in the temporary directory,
# filled by the warm-up run). Then the peak RSS of both (/usr/bin/time -v). With REPO=DIR, the repository is
# used as it is (git merge-tree --write-tree writes the merged trees into it: give it a scratch clone).
#
# SECTIONS=N (e.g. 3000) runs kimpact with --maintainers FILE, a generated MAINTAINERS of N sections of the
# kernel's shape instead of the repository's five: 6 F: patterns each (files, directories, globs under 20
# kernel-like directories), an X: in every 10th section, an N: regex in every 15th, a K: regex in every 20th.
# The kernel's own file is of that order (docs/PERFORMANCE.md, "A MAINTAINERS of the kernel's size").
set -euo pipefail

N=${1:-5000}
RUNS=${2:-5}
here=$(cd "$(dirname "$0")/../../.." && pwd)
K=${3:-$here/target/kimpact}
[ -x "$K" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kimpact-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"     # kimpact's series cache: here, not in the user's ~/.cache
if [ -n "${REPO:-}" ]; then
    R=$REPO; FIRST=${RANGE%%..*}; TIP=${RANGE#*..}; OTHER=${AGAINST:?AGAINST=REF needed with REPO}
else
R="$work/repo"
TIP=master; OTHER=other
git init -q -b master "$R"

awk -v N="$N" '
function data(s) { printf "data %d\n%s\n", length(s), s }
function content(f,   s, i) { s = ""; for (i = 1; i <= 20; i++) s = s line[f, i] "\n"; return s }
BEGIN {
  ndirs = split("arch/x86/kvm arch/x86/kernel/fpu arch/x86/mm drivers/net/ethernet drivers/gpu/drm/tegra net/ipv4 net/ipv6 fs/ext4 mm kernel/sched", dir, " ")
  for (f = 0; f < 500; f++) {
    path[f] = dir[f % ndirs + 1] "/file" f ".c"
    for (i = 1; i <= 20; i++) line[f, i] = "/* " path[f] " line " i " */ int v" f "_" i " = " i ";"
  }
  maint = "List of maintainers\n\nKVM X86\nM:\tPaolo Bonzini <pbonzini@redhat.com>\nL:\tkvm@vger.kernel.org\nS:\tSupported\nF:\tarch/x86/kvm/\nK:\t\\bkvm_vcpu_(load|put)\\b\n\n" \
          "X86 ARCHITECTURE\nM:\tThomas Gleixner <tglx@kernel.org>\nM:\tx86@kernel.org\nS:\tMaintained\nF:\tarch/x86/\nX:\tarch/x86/kvm/\n\n" \
          "NETWORKING\nM:\tDavid S. Miller <davem@davemloft.net>\nS:\tMaintained\nF:\tnet/\nF:\tdrivers/net/\nX:\tnet/ipv6/\n\n" \
          "TEGRA\nM:\tThierry Reding <thierry.reding@gmail.com>\nS:\tSupported\nN:\t[^a-z]tegra\n\n" \
          "THE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n"
  t = 1543658400; fork = N - 100
  for (c = 1; c <= N; c++) {
    printf "commit refs/heads/master\nmark :%d\n", c
    printf "author Dev %d <dev%d@example.org> %d +0100\ncommitter Maint <maint@example.org> %d +0100\n", c % 37, c % 37, t + c * 600, t + c * 600
    msg = "subsys: change number " c "\n\nBody of change " c ".\n\nSigned-off-by: Dev " (c % 37) " <dev" (c % 37) "@example.org>\n" \
          (c % 3 == 0 ? "Acked-by: Paolo Bonzini <pbonzini@redhat.com>\n" : "") "Link: https://lore.kernel.org/r/" c "@example.org\n"
    data(msg)
    if (c > 1) printf "from :%d\n", c - 1
    if (c == 1) {
      printf "M 100644 inline MAINTAINERS\n"; data(maint)
      for (f = 0; f < 500; f++) { printf "M 100644 inline %s\n", path[f]; data(content(f)) }
      continue
    }
    if (c % 97 == 0) {
      f = (c * 13) % 500; old = path[f]; path[f] = old "x"; sub(/\.cx$/, "_" c ".c", path[f])
      printf "R %s %s\n", old, path[f]
    }
    k = 1 + c % 3
    for (j = 0; j < k; j++) {
      f = (c * 7 + j * 131) % 500
      if (f == 0 && c > fork) f = 1
      line[f, 1 + (c + j) % 20] = "/* changed by " c " */ int w" c " = " j "; " (c % 50 == 0 ? "kvm_vcpu_load(v);" : "")
      printf "M 100644 inline %s\n", path[f]; data(content(f))
    }
    if (c == N - 10) { line[0, 3] = "/* master side */"; printf "M 100644 inline %s\n", path[0]; data(content(0)) }
    if (c == fork) for (f2 = 0; f2 < 500; f2++) for (i = 1; i <= 20; i++) saved[f2, i] = line[f2, i]
  }
  for (f2 = 0; f2 < 500; f2++) for (i = 1; i <= 20; i++) line[f2, i] = saved[f2, i]
  for (c = 1; c <= 50; c++) {
    printf "commit refs/heads/other\nmark :%d\n", N + c
    printf "author Other <other@example.org> %d +0000\ncommitter Other <other@example.org> %d +0000\n", t + (fork + c) * 600, t + (fork + c) * 600
    data("other: change " c "\n\nSigned-off-by: Other <other@example.org>\n")
    printf "from :%d\n", c == 1 ? fork : N + c - 1
    f = (c == 25) ? 0 : 250 + c
    if (c == 25) line[0, 3] = "/* other side */"; else line[f, 5] = "/* other " c " */"
    printf "M 100644 inline %s\n", path[f]; data(content(f))
  }
}' | MALLOC_TOP_PAD_=268435456 git -C "$R" fast-import --quiet   # see InterruptedSeriesTest: brk() is slow here
FIRST=$(git -C "$R" rev-list --max-parents=0 master)
fi
echo "repository: $(git -C "$R" rev-list --count "$FIRST..$TIP") commits in $FIRST..$TIP, $(git -C "$R" rev-list --count "$TIP..$OTHER") on $OTHER not in $TIP"
git -C "$R" count-objects -vH | grep -E 'size-pack|size:' | tr '\n' ' '; echo

kimpact_cmd="$K series --repo $R --range $FIRST..$TIP --against $OTHER --format json"
if [ -n "${SECTIONS:-}" ]; then
    awk -v N="$SECTIONS" 'BEGIN {
      srand(7)
      nw = split("intel amd arm tegra qcom rockchip mediatek nxp ti bcm sun mvebu imx stm32 renesas samsung apple xilinx marvell realtek", w, " ")
      ns = split("drivers/net/ethernet drivers/gpu/drm drivers/media/i2c drivers/iio/adc drivers/pinctrl drivers/clk drivers/soc drivers/usb/host sound/soc/codecs Documentation/devicetree/bindings/net arch/arm64/boot/dts drivers/hwmon drivers/input/touchscreen fs net include/linux tools/testing/selftests drivers/scsi drivers/infiniband/hw drivers/phy", d, " ")
      print "List of maintainers"
      for (i = 0; i < N; i++) {
        v = w[1 + int(rand() * nw)]; s = d[1 + int(rand() * ns)]
        printf "\n%s DRIVER %d\nM:\tPerson %d <p%d@example.org>\nL:\tlist%d@vger.kernel.org\nS:\tMaintained\n", toupper(v), i, i, i, i % 40
        for (j = 0; j < 6; j++) {
          k = rand()
          if (k < 0.4) printf "F:\t%s/%s%d_%d.c\n", s, v, i, j
          else if (k < 0.7) printf "F:\t%s/%s%d/\n", s, v, i
          else if (k < 0.8) printf "F:\t%s/%s*%d*\n", s, v, j
          else if (k < 0.9) printf "F:\tinclude/linux/%s%d%d.h\n", v, i, j
          else printf "F:\tDocumentation/devicetree/bindings/*/%s,%d*.yaml\n", v, i
        }
        if (i % 10 == 0) printf "X:\t%s/%s%d/old/\n", s, v, i
        if (i % 15 == 0) printf "N:\t%s%d\n", v, i
        if (i % 20 == 0) printf "K:\t\\b%s_%d_(probe|remove)\\b\n", v, i
      }
      print "\nKVM X86\nM:\tPaolo Bonzini <pbonzini@redhat.com>\nS:\tSupported\nF:\tarch/x86/kvm/\nK:\t\\bkvm_vcpu_(load|put)\\b"
      print "\nTHE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/"
    }' > "$work/MAINTAINERS"
    echo "MAINTAINERS: $SECTIONS sections, $(grep -c '^F:' "$work/MAINTAINERS") F: lines, $(wc -c < "$work/MAINTAINERS") bytes"
    kimpact_cmd="$kimpact_cmd --maintainers $work/MAINTAINERS"
fi
git_cmd="git -C $R log -M --name-status --reverse --topo-order --format=%H%n%an%n%ae%n%aI%n%B $FIRST..$TIP && git -C $R merge-tree --write-tree $TIP $OTHER"

# Sanity: both see the same commits and the same conflict; the cache changes nothing in the output.
KIMPACT_CACHE=off $kimpact_cmd > "$work/k.json" || true
$kimpact_cmd > /dev/null || true; $kimpact_cmd > "$work/k2.json" || true
cmp -s "$work/k.json" "$work/k2.json" && echo "output with and without the cache: identical" \
    || echo "output with and without the cache: DIFFERENT (or this launcher has no cache)"
grep -c '"subject"' "$work/k.json" | sed 's/^/kimpact commits: /'
grep -A1 '"conflicts"' "$work/k.json" | head -3
git -C "$R" merge-tree --write-tree --name-only "$TIP" "$OTHER" | sed -n '2p' | sed 's/^/git merge-tree conflict: /' || true

"$K" --version > /dev/null      # a launcher without its class-data archive makes it now, not in the timing
uptime
if command -v hyperfine > /dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" -i --export-markdown "$work/bench.md" \
        -n "kimpact --version (JVM start)" "$K --version" \
        -n "kimpact series, cold (KIMPACT_CACHE=off)" "KIMPACT_CACHE=off $kimpact_cmd" \
        -n "kimpact series, repeated (cache)" "$kimpact_cmd" \
        -n "git log -M --name-status + merge-tree" "$git_cmd"
    cat "$work/bench.md"
else
    time_ms() { local s e; s=$(date +%s%N); bash -c "$1" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
    for name in "kimpact --version:$K --version" "kimpact series cold:KIMPACT_CACHE=off $kimpact_cmd" \
                "kimpact series repeated:$kimpact_cmd" "git:$git_cmd"; do
        label=${name%%:*}; cmd=${name#*:}
        times=$(for _ in $(seq "$RUNS"); do time_ms "$cmd"; done | sort -n | tr '\n' ' ')
        echo "$label: ${times}ms (sorted; median is the middle one)"
    done
fi
uptime
if [ -x /usr/bin/time ]; then
    for mode in off on; do
        KIMPACT_CACHE=$mode /usr/bin/time -v $kimpact_cmd 2>&1 > /dev/null | sed -n "s/.*Maximum resident set size (kbytes): /peak RSS, cache $mode: /p" | sed 's/$/ KiB/' || true
    done
fi
