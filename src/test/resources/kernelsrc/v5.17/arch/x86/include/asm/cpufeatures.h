/* SPDX-License-Identifier: GPL-2.0 */
/*
 * (kimpact fixture: the word 16 line of X86_FEATURE_ENQCMD in torvalds/linux v5.17
 * arch/x86/include/asm/cpufeatures.h; every other feature is left out.)
 */
#ifndef _ASM_X86_CPUFEATURES_H
#define _ASM_X86_CPUFEATURES_H

/* Intel-defined CPU features, CPUID level 0x00000007:0 (ECX), word 16 */
#define X86_FEATURE_ENQCMD		(16*32+29) /* ENQCMD and ENQCMDS instructions */

#endif /* _ASM_X86_CPUFEATURES_H */
