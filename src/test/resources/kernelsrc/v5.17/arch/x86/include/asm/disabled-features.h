/* SPDX-License-Identifier: GPL-2.0 */
/*
 * (kimpact fixture: the DISABLE_ENQCMD line of torvalds/linux v5.17 arch/x86/include/asm/disabled-features.h,
 * as 9bfecd058339 "x86/cpufeatures: Force disable X86_FEATURE_ENQCMD and remove update_pasid()" left it; the
 * other DISABLE_* blocks and the DISABLED_MASK* list are left out.)
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

/* Force disable because it's broken beyond repair */
#define DISABLE_ENQCMD		(1 << (X86_FEATURE_ENQCMD & 31))

#ifdef CONFIG_X86_SGX
# define DISABLE_SGX	0
#else
# define DISABLE_SGX	(1 << (X86_FEATURE_SGX & 31))
#endif

#endif /* _ASM_X86_DISABLED_FEATURES_H */
