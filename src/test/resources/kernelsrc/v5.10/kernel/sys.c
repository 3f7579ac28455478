// SPDX-License-Identifier: GPL-2.0
/*
 *  linux/kernel/sys.c
 *
 * (kimpact fixture: the MPX cases of prctl() in torvalds/linux v5.10 kernel/sys.c, as f240652b6032
 * "x86/mpx: Remove MPX APIs" left them.)
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	struct task_struct *me = current;
	unsigned char comm[sizeof(me->comm)];
	long error;

	error = security_task_prctl(option, arg2, arg3, arg4, arg5);
	if (error != -ENOSYS)
		return error;

	error = 0;
	switch (option) {
	case PR_MPX_ENABLE_MANAGEMENT:
	case PR_MPX_DISABLE_MANAGEMENT:
		/* No longer implemented: */
		return -EINVAL;
	case PR_SET_FP_MODE:
		error = SET_FP_MODE(me, arg2);
		break;
	default:
		error = -EINVAL;
		break;
	}
	return error;
}
