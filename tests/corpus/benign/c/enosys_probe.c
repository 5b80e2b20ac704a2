/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * enosys_probe: syscall(-1), outside and inside signal handlers (issue 15). A syscall number the
 * kernel does not have ends with -ENOSYS, and -1 in particular leaves orig_ax -1 at the raw
 * sys_exit tracepoint, exactly as a rt_sigreturn leaves it. Since 7.0 the kernel may skip the
 * entry program (docs/kernels.md), so sigscope's exit judges a sigreturn whose entry it never
 * saw; it must not take these syscalls for such sigreturns. Libraries that probe for syscalls,
 * and seccomp sandboxes, make syscalls like these.
 *
 * Self-checks: every probe returns -1 with ENOSYS; every handler ran. Expected from sigscope:
 * no finding, every sigreturn matched, no kill (they are counted as exits left unjudged).
 */
#include "benign.h"

#define PROBES	200
#define SIGNALS 50

#define X32_BIT 0x40000000L

static volatile int handled, bad, x32_off;

static void probe(void)
{
	errno = 0;
	if (syscall(-1L) != -1 || errno != ENOSYS)
		bad++;
	/* x32's rt_sigreturn, only where x32's getpid says x32 does not run. */
	if (x32_off) {
		errno = 0;
		if (syscall(X32_BIT | 513) != -1 || errno != ENOSYS)
			bad++;
	}
}

static void on_usr1(int sig)
{
	(void)sig;
	for (int i = 0; i < 4; i++)
		probe(); /* inside a handler: a live delivery on this thread */
	handled++;
}

int main(void)
{
	bn_init("enosys_probe", 30);
	errno = 0;
	x32_off = syscall(X32_BIT | 39) == -1 && errno == ENOSYS;
	bn_install(SIGUSR1, on_usr1, 0);
	for (int i = 0; i < PROBES; i++)
		probe();
	for (int i = 0; i < SIGNALS; i++) {
		bn_raise(SIGUSR1);
		probe();
	}
	BN_CHECK(handled == SIGNALS, "%d of %d handlers ran", handled, SIGNALS);
	BN_CHECK(bad == 0, "%d probes did not fail with ENOSYS", bad);
	printf("enosys_probe: x32 %s\n", x32_off ? "off: its rt_sigreturn probed too" : "runs");
	return bn_finish();
}
