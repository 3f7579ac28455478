# bash completion for kimpact                      -*- shell-script -*-
# Generated from the picocli model by dev.kimpact.cli.GenerateDocs: do not edit.
# Regenerate: mvn -q -B -Pdocs process-classes
# Use: source completions/kimpact.bash, or copy it to
# ~/.local/share/bash-completion/completions/kimpact (`kimpact completion bash` prints it too).

_kimpact_words() {
    local IFS=$' \t\n' prefix=
    [[ $cur == *,* ]] && prefix=${cur%,*},
    COMPREPLY=( $(compgen -P "$prefix" -W "$1" -- "${cur##*,}") )
}

_kimpact_files() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=( $(compgen -f -- "$cur") )
}

_kimpact_dirs() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=( $(compgen -d -- "$cur") )
}

_kimpact_refs() {
    local IFS=$'\n' prefix= refs
    type git >/dev/null 2>&1 || return 0
    refs=$(git -C "$1" for-each-ref --format='%(refname:short)' 2>/dev/null) || return 0
    [[ $2 == range && $cur == *..* ]] && prefix=${cur%..*}..
    COMPREPLY=( $(compgen -P "$prefix" -W "$refs" -- "${cur#"$prefix"}") )
}

_kimpact_names() {
    (( $# )) || return 0
    awk '
        /^[A-Za-z_][A-Za-z0-9_-]*:/ { top = $0; sub(/:.*/, "", top); next }
        top != "hosts" && top != "guests" { next }
        match($0, /(^|[{ ,-])name: *["\047]?[^"\047 ,}#]+/) {
            s = substr($0, RSTART, RLENGTH); sub(/.*name: *["\047]?/, "", s)
            print top "." s; next
        }
        match($0, /^  [^ #-][^: ]*:/) {
            s = substr($0, 3, RLENGTH - 3)
            if (s !~ /^(name|kernel|patches|cpu|vmm)$/) print top "." s
        }' "$@" 2>/dev/null
}

_kimpact_assign() {
    local mode=$1 arg=$2 path value prefix= w k IFS=$' \t\n'
    local -a words=()
    shift 2
    if [[ $arg == *=* ]]; then
        path=${arg%%=*} value=${arg#*=}
        case $path in
            cpu) words=(cascadelake-server icelake-server sapphirerapids genoa broadwell-ep); [[ $mode == matrix ]] && words+=(all) ;;
            hosts.*.cpu) words=(cascadelake-server icelake-server sapphirerapids genoa broadwell-ep); [[ $mode == matrix ]] && words+=(all) ;;
            hosts.*.kernel) words=(4.14 4.19 4.20 5.0 5.1 5.4 5.6 5.10 5.15 5.16 5.17 6.1 6.6 6.12 6.16 6.17 6.18 6.19 7.0 7.1 7.2); [[ $mode == matrix ]] && words+=(all) ;;
            hosts.*.patches) words=('[]' '[x86-remove-intel-mpx]' '[x86-mpx-remove-apis]' '[kvm-guest-fpu-own-xsave]' '[x86-mpx-stop-xsave-enabling]' '[kvm-limit-user-xfeatures]' '[kvm-allow-fpsse-user-xfeatures]' '[kvm-constrain-xfeatures-at-get-xsave]' '[kvm-xsave2]' '[x86-kvm-finish-removing-mpx]' '[kvm-guest-supported-mpx]' '[x86-apx-disallow-mpx]' '[x86-fpu-apx-enable]') ;;
            guests.*.kernel) words=(rhel-7 rhel-8 linux-4.20 linux-5.6 linux-6.12 fixed-xcr0); [[ $mode == matrix ]] && words+=(all) ;;
            guests.*.vmm.cpu-model) words=(Broadwell Skylake-Server Skylake-Server-pc-3.0 Skylake-Server-v5 Cascadelake-Server Cascadelake-Server-v5 Icelake-Server SapphireRapids EPYC-Genoa qemu64 Nehalem host-passthrough); [[ $mode == matrix ]] && words+=(all) ;;
            guests.*.vmm.enforce) words=(true false) ;;
        esac
        # --matrix takes a comma list: complete the value after the last comma
        [[ $mode == matrix && $value == *,* ]] && prefix=${value%,*},
        COMPREPLY=( $(compgen -P "$prefix" -W "${words[*]}" -- "${value##*,}") )
        return 0
    fi
    [[ $arg == *.* ]] || words=(cpu= hosts. guests. steps.)
    for w in $(_kimpact_names "$@"); do
        case $w in
            hosts.*) for k in kernel= patches= cpu=; do words+=("$w.$k"); done ;;
            guests.*) for k in kernel= vmm. vmm.cpu-model= vmm.enforce= vmm.qemu=; do words+=("$w.$k"); done ;;
        esac
    done
    compopt -o nospace 2>/dev/null
    COMPREPLY=( $(compgen -W "${words[*]}" -- "$arg") )
    (( ${#COMPREPLY[@]} )) && return 0
    # a host or guest the scenarios given do not name: the keys under the name typed
    words=()
    case $arg in
        guests.?*.vmm.*) for k in cpu-model= enforce= qemu=; do words+=("${arg%.*}.$k"); done ;;
        guests.?*.*) for k in kernel= vmm.; do words+=("${arg%.*}.$k"); done ;;
        hosts.?*.*) for k in kernel= patches= cpu=; do words+=("${arg%.*}.$k"); done ;;
    esac
    COMPREPLY=( $(compgen -W "${words[*]}" -- "$arg") )
}

_kimpact() {
    local cur prev cmd w i opt arg repo=. skip=0 npos=0
    local -a files=()
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
    # bash splits --option=value at '=' (COMP_WORDBREAKS)
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi

    cmd=kimpact
    for (( i = 1; i < COMP_CWORD; i++ )); do
        w=${COMP_WORDS[i]}
        if [[ $w == = ]]; then skip=1; continue; fi
        if (( skip )); then skip=0; continue; fi
        case $cmd:$w in
            kimpact:run)
                (( npos == 0 )) && { cmd=kimpact/run; continue; } ;;
            kimpact:diff)
                (( npos == 0 )) && { cmd=kimpact/diff; continue; } ;;
            kimpact:merge-reports)
                (( npos == 0 )) && { cmd=kimpact/merge-reports; continue; } ;;
            kimpact:check)
                (( npos == 0 )) && { cmd=kimpact/check; continue; } ;;
            kimpact:cpus)
                (( npos == 0 )) && { cmd=kimpact/cpus; continue; } ;;
            kimpact:kernels)
                (( npos == 0 )) && { cmd=kimpact/kernels; continue; } ;;
            kimpact:patches)
                (( npos == 0 )) && { cmd=kimpact/patches; continue; } ;;
            kimpact:guests)
                (( npos == 0 )) && { cmd=kimpact/guests; continue; } ;;
            kimpact:layout)
                (( npos == 0 )) && { cmd=kimpact/layout; continue; } ;;
            kimpact:series)
                (( npos == 0 )) && { cmd=kimpact/series; continue; } ;;
            kimpact:xsetbv)
                (( npos == 0 )) && { cmd=kimpact/xsetbv; continue; } ;;
            kimpact:explain)
                (( npos == 0 )) && { cmd=kimpact/explain; continue; } ;;
            kimpact:completion)
                (( npos == 0 )) && { cmd=kimpact/completion; continue; } ;;
            kimpact:help)
                (( npos == 0 )) && { cmd=kimpact/help; continue; } ;;
            kimpact:--config|kimpact/run:--ignore|kimpact/run:--set|kimpact/run:--matrix|kimpact/run:--shard|kimpact/run:--jobs|kimpact/run:-f|kimpact/run:--format|kimpact/run:-o|kimpact/run:--output|kimpact/run:--fail-on|kimpact/run:--baseline|kimpact/run:--color|kimpact/run:--config|kimpact/diff:--set|kimpact/diff:--ignore|kimpact/diff:-f|kimpact/diff:--format|kimpact/diff:-o|kimpact/diff:--output|kimpact/diff:--fail-on|kimpact/diff:--baseline|kimpact/diff:--color|kimpact/diff:--config|kimpact/merge-reports:-f|kimpact/merge-reports:--format|kimpact/merge-reports:-o|kimpact/merge-reports:--output|kimpact/merge-reports:--fail-on|kimpact/merge-reports:--baseline|kimpact/merge-reports:--color|kimpact/merge-reports:--config|kimpact/check:--config|kimpact/cpus:-f|kimpact/cpus:--format|kimpact/cpus:-o|kimpact/cpus:--output|kimpact/cpus:--config|kimpact/kernels:-f|kimpact/kernels:--format|kimpact/kernels:-o|kimpact/kernels:--output|kimpact/kernels:--tree|kimpact/kernels:--repo|kimpact/kernels:--ref|kimpact/kernels:--config|kimpact/patches:-f|kimpact/patches:--format|kimpact/patches:-o|kimpact/patches:--output|kimpact/patches:--config|kimpact/guests:-f|kimpact/guests:--format|kimpact/guests:-o|kimpact/guests:--output|kimpact/guests:--config|kimpact/layout:--cpu|kimpact/layout:--cpu-dump|kimpact/layout:--xcr0|kimpact/layout:--xss|kimpact/layout:--against|kimpact/layout:--against-cpu|kimpact/layout:-f|kimpact/layout:--format|kimpact/layout:-o|kimpact/layout:--output|kimpact/layout:--config|kimpact/series:--repo|kimpact/series:--range|kimpact/series:--against|kimpact/series:--maintainers|kimpact/series:--mbox|kimpact/series:--base|kimpact/series:--fail-on|kimpact/series:--run-scenarios|kimpact/series:--missing-ack-per|kimpact/series:--ignore|kimpact/series:--baseline|kimpact/series:-f|kimpact/series:--format|kimpact/series:-o|kimpact/series:--output|kimpact/series:--config|kimpact/xsetbv:--cpu|kimpact/xsetbv:--cpu-dump|kimpact/xsetbv:--xcr0|kimpact/xsetbv:--ecx|kimpact/xsetbv:--cpl|kimpact/xsetbv:--kernel|kimpact/xsetbv:--patch|kimpact/xsetbv:-f|kimpact/xsetbv:--format|kimpact/xsetbv:-o|kimpact/xsetbv:--output|kimpact/xsetbv:--config|kimpact/explain:--config|kimpact/completion:--config|kimpact/help:--config)
                skip=1; continue ;;
        esac
        [[ $w == -?* ]] || npos=$((npos + 1))
        [[ $w == *.y*ml && -f $w ]] && files+=("$w")
    done
    # the repository git refs are completed from: --repo DIR, else the current directory
    for (( i = 1; i < COMP_CWORD; i++ )); do
        [[ ${COMP_WORDS[i]} == --repo ]] || continue
        repo=${COMP_WORDS[i+1]}
        [[ $repo == = ]] && repo=${COMP_WORDS[i+2]}
    done
    [[ $repo == "~"/* ]] && repo=$HOME/${repo#"~/"}

    i=$COMP_CWORD
    while (( i > 1 )) && [[ ${COMP_WORDS[i]} == = || ${COMP_WORDS[i-1]} == = ]]; do i=$((i - 1)); done
    if [[ ${COMP_WORDS[i]} == --* ]] && (( i < COMP_CWORD )); then
        opt=${COMP_WORDS[i]}; i=$((i + 2))
    else
        opt=${COMP_WORDS[i-1]}
    fi
    arg=
    for (( ; i <= COMP_CWORD; i++ )); do arg+=${COMP_WORDS[i]}; done
    case $cmd:$opt in
        kimpact/run:--set) _kimpact_assign set "$arg" "${files[@]}"; return 0 ;;
        kimpact/run:--matrix) _kimpact_assign matrix "$arg" "${files[@]}"; return 0 ;;
        kimpact/diff:--set) _kimpact_assign set "$arg" "${files[@]}"; return 0 ;;
    esac

    case $cmd:$prev in
        kimpact:--config)
            _kimpact_files; return 0 ;;
        kimpact/run:--ignore)
            _kimpact_words 'xsetbv-fault cpuid-xcr0-mismatch migration-xcrs-rejected migration-xsave-rejected xstate-lost xstate-leak xsave-layout-mismatch xsave-size-changed user-abi-removed merge-conflict missing-maintainer-ack late-for-merge-window expectation-unmet case-invalid'; return 0 ;;
        kimpact/run:--shard)
            return 0 ;;
        kimpact/run:--jobs)
            return 0 ;;
        kimpact/run:-f|kimpact/run:--format)
            _kimpact_words 'text json yaml sarif markdown svg'; return 0 ;;
        kimpact/run:-o|kimpact/run:--output)
            _kimpact_files; return 0 ;;
        kimpact/run:--fail-on)
            _kimpact_words 'error warning note never'; return 0 ;;
        kimpact/run:--baseline)
            _kimpact_files; return 0 ;;
        kimpact/run:--color)
            _kimpact_words 'auto always never'; return 0 ;;
        kimpact/run:--config)
            _kimpact_files; return 0 ;;
        kimpact/diff:--ignore)
            _kimpact_words 'xsetbv-fault cpuid-xcr0-mismatch migration-xcrs-rejected migration-xsave-rejected xstate-lost xstate-leak xsave-layout-mismatch xsave-size-changed user-abi-removed merge-conflict missing-maintainer-ack late-for-merge-window expectation-unmet case-invalid'; return 0 ;;
        kimpact/diff:-f|kimpact/diff:--format)
            _kimpact_words 'text json yaml'; return 0 ;;
        kimpact/diff:-o|kimpact/diff:--output)
            _kimpact_files; return 0 ;;
        kimpact/diff:--fail-on)
            _kimpact_words 'error warning note never'; return 0 ;;
        kimpact/diff:--baseline)
            _kimpact_files; return 0 ;;
        kimpact/diff:--color)
            _kimpact_words 'auto always never'; return 0 ;;
        kimpact/diff:--config)
            _kimpact_files; return 0 ;;
        kimpact/merge-reports:-f|kimpact/merge-reports:--format)
            _kimpact_words 'text json yaml sarif markdown svg'; return 0 ;;
        kimpact/merge-reports:-o|kimpact/merge-reports:--output)
            _kimpact_files; return 0 ;;
        kimpact/merge-reports:--fail-on)
            _kimpact_words 'error warning note never'; return 0 ;;
        kimpact/merge-reports:--baseline)
            _kimpact_files; return 0 ;;
        kimpact/merge-reports:--color)
            _kimpact_words 'auto always never'; return 0 ;;
        kimpact/merge-reports:--config)
            _kimpact_files; return 0 ;;
        kimpact/check:--config)
            _kimpact_files; return 0 ;;
        kimpact/cpus:-f|kimpact/cpus:--format)
            _kimpact_words 'text json'; return 0 ;;
        kimpact/cpus:-o|kimpact/cpus:--output)
            _kimpact_files; return 0 ;;
        kimpact/cpus:--config)
            _kimpact_files; return 0 ;;
        kimpact/kernels:-f|kimpact/kernels:--format)
            _kimpact_words 'text json'; return 0 ;;
        kimpact/kernels:-o|kimpact/kernels:--output)
            _kimpact_files; return 0 ;;
        kimpact/kernels:--tree)
            _kimpact_dirs; return 0 ;;
        kimpact/kernels:--repo)
            _kimpact_dirs; return 0 ;;
        kimpact/kernels:--ref)
            _kimpact_refs "$repo"; return 0 ;;
        kimpact/kernels:--config)
            _kimpact_files; return 0 ;;
        kimpact/patches:-f|kimpact/patches:--format)
            _kimpact_words 'text json'; return 0 ;;
        kimpact/patches:-o|kimpact/patches:--output)
            _kimpact_files; return 0 ;;
        kimpact/patches:--config)
            _kimpact_files; return 0 ;;
        kimpact/guests:-f|kimpact/guests:--format)
            _kimpact_words 'text json'; return 0 ;;
        kimpact/guests:-o|kimpact/guests:--output)
            _kimpact_files; return 0 ;;
        kimpact/guests:--config)
            _kimpact_files; return 0 ;;
        kimpact/layout:--cpu)
            _kimpact_words 'cascadelake-server icelake-server sapphirerapids genoa broadwell-ep'; return 0 ;;
        kimpact/layout:--cpu-dump)
            _kimpact_files; return 0 ;;
        kimpact/layout:--xcr0)
            return 0 ;;
        kimpact/layout:--xss)
            return 0 ;;
        kimpact/layout:--against)
            return 0 ;;
        kimpact/layout:--against-cpu)
            _kimpact_words 'cascadelake-server icelake-server sapphirerapids genoa broadwell-ep'; return 0 ;;
        kimpact/layout:-f|kimpact/layout:--format)
            _kimpact_words 'text json svg'; return 0 ;;
        kimpact/layout:-o|kimpact/layout:--output)
            _kimpact_files; return 0 ;;
        kimpact/layout:--config)
            _kimpact_files; return 0 ;;
        kimpact/series:--repo)
            _kimpact_dirs; return 0 ;;
        kimpact/series:--range)
            _kimpact_refs "$repo" range; return 0 ;;
        kimpact/series:--against)
            _kimpact_refs "$repo"; return 0 ;;
        kimpact/series:--maintainers)
            _kimpact_files; return 0 ;;
        kimpact/series:--mbox)
            _kimpact_files; return 0 ;;
        kimpact/series:--base)
            _kimpact_refs "$repo"; return 0 ;;
        kimpact/series:--fail-on)
            _kimpact_words 'error warning note never'; return 0 ;;
        kimpact/series:--run-scenarios)
            _kimpact_dirs; return 0 ;;
        kimpact/series:--missing-ack-per)
            _kimpact_words 'section commit'; return 0 ;;
        kimpact/series:--ignore)
            _kimpact_words 'xsetbv-fault cpuid-xcr0-mismatch migration-xcrs-rejected migration-xsave-rejected xstate-lost xstate-leak xsave-layout-mismatch xsave-size-changed user-abi-removed merge-conflict missing-maintainer-ack late-for-merge-window expectation-unmet case-invalid'; return 0 ;;
        kimpact/series:--baseline)
            _kimpact_files; return 0 ;;
        kimpact/series:-f|kimpact/series:--format)
            _kimpact_words 'text json yaml sarif markdown'; return 0 ;;
        kimpact/series:-o|kimpact/series:--output)
            _kimpact_files; return 0 ;;
        kimpact/series:--config)
            _kimpact_files; return 0 ;;
        kimpact/xsetbv:--cpu)
            _kimpact_words 'cascadelake-server icelake-server sapphirerapids genoa broadwell-ep'; return 0 ;;
        kimpact/xsetbv:--cpu-dump)
            _kimpact_files; return 0 ;;
        kimpact/xsetbv:--xcr0)
            return 0 ;;
        kimpact/xsetbv:--ecx)
            return 0 ;;
        kimpact/xsetbv:--cpl)
            return 0 ;;
        kimpact/xsetbv:--kernel)
            _kimpact_words '4.14 4.19 4.20 5.0 5.1 5.4 5.6 5.10 5.15 5.16 5.17 6.1 6.6 6.12 6.16 6.17 6.18 6.19 7.0 7.1 7.2'; return 0 ;;
        kimpact/xsetbv:--patch)
            _kimpact_words 'x86-remove-intel-mpx x86-mpx-remove-apis kvm-guest-fpu-own-xsave x86-mpx-stop-xsave-enabling kvm-limit-user-xfeatures kvm-allow-fpsse-user-xfeatures kvm-constrain-xfeatures-at-get-xsave kvm-xsave2 x86-kvm-finish-removing-mpx kvm-guest-supported-mpx x86-apx-disallow-mpx x86-fpu-apx-enable'; return 0 ;;
        kimpact/xsetbv:-f|kimpact/xsetbv:--format)
            _kimpact_words 'text json'; return 0 ;;
        kimpact/xsetbv:-o|kimpact/xsetbv:--output)
            _kimpact_files; return 0 ;;
        kimpact/xsetbv:--config)
            _kimpact_files; return 0 ;;
        kimpact/explain:--config)
            _kimpact_files; return 0 ;;
        kimpact/completion:--config)
            _kimpact_files; return 0 ;;
        kimpact/help:--config)
            _kimpact_files; return 0 ;;
    esac

    if [[ $cur == -* ]]; then
        case $cmd in
            kimpact) _kimpact_words '-v --verbose -q --quiet --config -h --help -V --version' ;;
            kimpact/run) _kimpact_words '--ignore --set --matrix --shard --jobs -f --format -o --output --fail-on --baseline --color -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/diff) _kimpact_words '--set --ignore -f --format -o --output --fail-on --baseline --color -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/merge-reports) _kimpact_words '-f --format -o --output --fail-on --baseline --color -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/check) _kimpact_words '-h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/cpus) _kimpact_words '-f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/kernels) _kimpact_words '-f --format -o --output --tree --repo --ref -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/patches) _kimpact_words '-f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/guests) _kimpact_words '-f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/layout) _kimpact_words '--cpu --cpu-dump --xcr0 --xss --compacted --diagram --against --against-cpu -f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/series) _kimpact_words '--repo --range --against --maintainers --mbox --base --fail-on --run-scenarios --no-cache --missing-ack-per --ignore --baseline -f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/xsetbv) _kimpact_words '--cpu --cpu-dump --xcr0 --ecx --cpl --no-osxsave --kernel --patch -f --format -o --output -h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/explain) _kimpact_words '-h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/completion) _kimpact_words '-h --help -V --version -v --verbose -q --quiet --config' ;;
            kimpact/help) _kimpact_words '-h --help -v --verbose -q --quiet --config' ;;
        esac
        return 0
    fi

    case $cmd in
        kimpact)
            if (( npos == 0 )); then _kimpact_words 'run diff merge-reports check cpus kernels patches guests layout series xsetbv explain completion help'; return 0; fi
            ;;
        kimpact/run)
            if (( npos >= 0 )); then _kimpact_files; return 0; fi
            ;;
        kimpact/diff)
            if (( npos == 0 )); then _kimpact_files; return 0; fi
            ;;
        kimpact/merge-reports)
            if (( npos >= 0 )); then _kimpact_files; return 0; fi
            ;;
        kimpact/check)
            if (( npos >= 0 )); then _kimpact_files; return 0; fi
            ;;
        kimpact/explain)
            if (( npos == 0 )); then _kimpact_words 'xsetbv-fault cpuid-xcr0-mismatch migration-xcrs-rejected migration-xsave-rejected xstate-lost xstate-leak xsave-layout-mismatch xsave-size-changed user-abi-removed merge-conflict missing-maintainer-ack late-for-merge-window expectation-unmet case-invalid'; return 0; fi
            ;;
        kimpact/completion)
            if (( npos == 0 )); then _kimpact_words 'bash zsh'; return 0; fi
            ;;
        kimpact/help)
            if (( npos == 0 )); then _kimpact_words 'run diff merge-reports check cpus kernels patches guests layout series xsetbv explain completion help'; return 0; fi
            ;;
    esac
    return 0
}

complete -F _kimpact kimpact
