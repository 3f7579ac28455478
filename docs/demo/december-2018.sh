#!/bin/sh
# Builds the demonstration repository of README.md, "The December 2018 thread, by machine": a small git
# repository shaped like the trees of the LKML thread "x86: Remove Intel MPX" (2018-12-19,
# lkml.iu.edu/hypermail/linux/kernel/1812.2/03410.html). It is NOT a copy of Linux: the files are stand-ins and
# every commit id it produces is the demo's own (fixed names and dates make them the same on every machine).
#
#   master  "Linux 4.20-rc5" (tag v4.20-rc5), "Linux 4.20-rc6" (tag v4.20-rc6)
#   tip     master + "x86: Remove Intel MPX", committed 2018-12-19 (after -rc6), signed off by x86 maintainers only
#   kvm     v4.20-rc5 + "kvm: x86: Dynamically allocate guest_fpu", touching the same lines of arch/x86/kvm/x86.c
#
# Usage: december-2018.sh DIR    (DIR must not exist; needs only git)
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
[ ! -e "$1" ] || { echo "$0: $1 exists" >&2; exit 2; }
mkdir -p "$1"
cd "$1"
export GIT_CONFIG_NOSYSTEM=1 HOME="$PWD/.home" LC_ALL=C TZ=UTC
git init -q .
git symbolic-ref HEAD refs/heads/master
git config commit.gpgsign false
git config tag.gpgsign false

commit() { # DATE "AUTHOR NAME" AUTHOR_EMAIL MESSAGE
    GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" \
    GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3" git commit -q --allow-empty -m "$4"
}

mkdir -p arch/x86/kvm arch/x86/kernel/fpu
cat > MAINTAINERS <<'EOF'
List of maintainers (an excerpt for the demonstration repository)

X86 ARCHITECTURE (32-BIT AND 64-BIT)
M:	Thomas Gleixner <tglx@linutronix.de>
M:	Ingo Molnar <mingo@redhat.com>
M:	Borislav Petkov <bp@alien8.de>
L:	linux-kernel@vger.kernel.org
S:	Maintained
T:	git git://git.kernel.org/pub/scm/linux/kernel/git/tip/tip.git x86/core
F:	arch/x86/
X:	arch/x86/kvm/

KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)
M:	Paolo Bonzini <pbonzini@redhat.com>
M:	Radim Krčmář <rkrcmar@redhat.com>
L:	kvm@vger.kernel.org
S:	Supported
T:	git git://git.kernel.org/pub/scm/virt/kvm/kvm.git
F:	arch/x86/kvm/
EOF
cat > arch/x86/kvm/x86.c <<'EOF'
/* A stand-in for arch/x86/kvm/x86.c: the lines the two trees change. */
u64 __read_mostly host_xcr0;

static void kvm_load_guest_fpu(struct kvm_vcpu *vcpu)
{
	copy_fpregs_to_fpstate(&current->thread.fpu);
	__copy_kernel_to_fpregs(&vcpu->arch.guest_fpu.state, ~XFEATURE_MASK_PKRU);
}

static void kvm_put_guest_fpu(struct kvm_vcpu *vcpu)
{
	copy_fpregs_to_fpstate(&vcpu->arch.guest_fpu);
	copy_kernel_to_fpregs(&current->thread.fpu.state);
}

static bool kvm_mpx_supported(void)
{
	return (host_xcr0 & (XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR));
}
EOF
cat > arch/x86/kernel/fpu/xstate.c <<'EOF'
/* A stand-in for arch/x86/kernel/fpu/xstate.c. */
#define XCNTXT_MASK	(XFEATURE_MASK_LAZY | XFEATURE_MASK_EAGER)
EOF
git add -A
commit "2018-12-02T21:00:00Z" "Linus Torvalds" "torvalds@linux-foundation.org" "Linux 4.20-rc5"
git tag v4.20-rc5
commit "2018-12-09T21:00:00Z" "Linus Torvalds" "torvalds@linux-foundation.org" "Linux 4.20-rc6"
git tag v4.20-rc6

git checkout -q -b kvm v4.20-rc5
sed -i.orig 's/vcpu->arch.guest_fpu\.state/vcpu->arch.guest_fpu->state/; s/&vcpu->arch.guest_fpu)/vcpu->arch.guest_fpu)/' arch/x86/kvm/x86.c
rm arch/x86/kvm/x86.c.orig
git add -A
commit "2018-12-14T10:00:00Z" "Marc Orr" "marcorr@google.com" "kvm: x86: Dynamically allocate guest_fpu

Reduce the size of struct kvm_vcpu_arch by allocating guest_fpu dynamically.

Signed-off-by: Marc Orr <marcorr@google.com>
Signed-off-by: Paolo Bonzini <pbonzini@redhat.com>"

git checkout -q -b tip v4.20-rc6
sed -i.orig 's/	__copy_kernel_to_fpregs(&vcpu->arch.guest_fpu.state, ~XFEATURE_MASK_PKRU);/	__copy_kernel_to_fpregs(\&vcpu->arch.guest_fpu.state, -1);/; s/	copy_fpregs_to_fpstate(&vcpu->arch.guest_fpu);/	copy_fpregs_to_fpstate(\&vcpu->arch.guest_fpu); \/* no MPX *\//; s/return (host_xcr0 & (XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR));/return false;/' arch/x86/kvm/x86.c
rm arch/x86/kvm/x86.c.orig
sed -i.orig 's/(XFEATURE_MASK_LAZY | XFEATURE_MASK_EAGER)/(XFEATURE_MASK_LAZY)/' arch/x86/kernel/fpu/xstate.c
rm arch/x86/kernel/fpu/xstate.c.orig
git add -A
commit "2018-12-19T09:00:00Z" "Dave Hansen" "dave.hansen@linux.intel.com" "x86: Remove Intel MPX

MPX is dead: no compiler support, no users. Remove it from the kernel.

Signed-off-by: Dave Hansen <dave.hansen@linux.intel.com>
Signed-off-by: Thomas Gleixner <tglx@linutronix.de>
Signed-off-by: Ingo Molnar <mingo@kernel.org>"
git checkout -q master
rm -rf .home
