// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel-based Virtual Machine driver for Linux
 *
 * (kimpact fixture: torvalds/linux v4.20 arch/x86/kvm/x86.c defines no XCR0 mask itself; it includes x86.h.)
 */
#include <linux/kvm_host.h>
#include "x86.h"

u64 __read_mostly host_xcr0;
