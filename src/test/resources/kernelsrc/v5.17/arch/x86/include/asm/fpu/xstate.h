/* SPDX-License-Identifier: GPL-2.0 */
/*
 * (kimpact fixture: the mask definitions of torvalds/linux v5.17 arch/x86/include/asm/fpu/xstate.h, after
 * 8ab22804efef "x86/fpu/xstate: Define new macros for supervisor and user xstates" and b454feb9abc1
 * "x86/fpu/xstate: Add supervisor PASID state for ENQCMD" and 2308ee57d93d
 * "x86/fpu/amx: Enable the AMX feature in 64-bit mode". The Arch LBR (dynamic supervisor) mask,
 * declarations and the XSAVE instruction macros are left out.)
 */
#ifndef __ASM_X86_XSAVE_H
#define __ASM_X86_XSAVE_H

#include <linux/uaccess.h>
#include <linux/types.h>

#include <asm/processor.h>
#include <asm/user.h>

/* Bit 63 of XCR0 is reserved for future expansion */
#define XFEATURE_MASK_EXTEND	(~(XFEATURE_MASK_FPSSE | (1ULL << 63)))

#define XSTATE_CPUID		0x0000000d

#define FXSAVE_SIZE	512

#define XSAVE_HDR_SIZE	    64
#define XSAVE_HDR_OFFSET    FXSAVE_SIZE

#define XSAVE_YMM_SIZE	    256
#define XSAVE_YMM_OFFSET    (XSAVE_HDR_SIZE + XSAVE_HDR_OFFSET)

#define XSAVE_ALIGNMENT     64

/* All currently supported user features */
#define XFEATURE_MASK_USER_SUPPORTED (XFEATURE_MASK_FP | \
				      XFEATURE_MASK_SSE | \
				      XFEATURE_MASK_YMM | \
				      XFEATURE_MASK_OPMASK | \
				      XFEATURE_MASK_ZMM_Hi256 | \
				      XFEATURE_MASK_Hi16_ZMM	 | \
				      XFEATURE_MASK_PKRU | \
				      XFEATURE_MASK_BNDREGS | \
				      XFEATURE_MASK_BNDCSR | \
				      XFEATURE_MASK_XTILE)

/* Features which are dynamically enabled for a process on request */
#ifdef CONFIG_X86_64
#define XFEATURE_MASK_USER_DYNAMIC	XFEATURE_MASK_XTILE_DATA
#else
#define XFEATURE_MASK_USER_DYNAMIC	0ULL
#endif

/* All currently supported supervisor features */
#define XFEATURE_MASK_SUPERVISOR_SUPPORTED (XFEATURE_MASK_PASID)

/*
 * Unsupported supervisor features. When a supervisor feature in this mask is
 * supported in the future, move it to the supported supervisor feature mask.
 */
#define XFEATURE_MASK_SUPERVISOR_UNSUPPORTED (XFEATURE_MASK_PT)

#ifdef CONFIG_X86_64
#define REX_PREFIX	"0x48, "
#else
#define REX_PREFIX
#endif

extern u64 xfeatures_mask_all;

#endif
