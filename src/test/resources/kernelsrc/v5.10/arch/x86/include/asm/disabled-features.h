/* SPDX-License-Identifier: GPL-2.0 */
/*
 * (kimpact fixture: the DISABLE_ENQCMD block of torvalds/linux v5.10 arch/x86/include/asm/disabled-features.h,
 * before 9bfecd058339 made it unconditional; the other DISABLE_* blocks and the DISABLED_MASK* list are left
 * out.)
 */
#ifndef _ASM_X86_DISABLED_FEATURES_H
#define _ASM_X86_DISABLED_FEATURES_H

/* These features, although they might be available in a CPU
 * will not be used because the compile options to support
 * them are not present.
 *
 * This code allows them to be checked and disabled at
 * compile time without an explicit #ifdef.  Use
 * cpu_feature_enabled().
 */

#ifdef CONFIG_X86_64
# define DISABLE_VME		(1<<(X86_FEATURE_VME & 31))
#else
# define DISABLE_VME		0
#endif /* CONFIG_X86_64 */

#ifdef CONFIG_IOMMU_SUPPORT
# define DISABLE_ENQCMD	0
#else
# define DISABLE_ENQCMD (1 << (X86_FEATURE_ENQCMD & 31))
#endif

#endif /* _ASM_X86_DISABLED_FEATURES_H */
