/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* (kimpact fixture: lines of torvalds/linux v5.10 include/uapi/linux/prctl.h.) */
#ifndef _LINUX_PRCTL_H
#define _LINUX_PRCTL_H

/*
 * Tell the kernel to start/stop helping userspace manage bounds tables.
 */
#define PR_MPX_ENABLE_MANAGEMENT  43
#define PR_MPX_DISABLE_MANAGEMENT 44

#endif /* _LINUX_PRCTL_H */
