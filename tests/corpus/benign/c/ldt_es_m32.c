/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ldt_es_m32 (red team round 16, fp4_ldt_ds_m32): a 32-bit program that works with a data
 * segment of its own LDT, as Wine's 16-bit support, DOSEMU or a DPMI host do: es holds an LDT
 * selector (base 0, 4 GiB: the same memory as the flat one) while SIGALRMs with a handler that
 * does nothing come in. The kernel saves es in the frame and the sigreturn restores it.
 *
 * Why: ds and es of an ia32 frame were compared with the flat data segment, so the frame came
 * back as the kernel saved it and was judged high (killed). A task's own LDT segment is allowed.
 *
 * Self-checks: the LDT entry was made, TICKS signals came in, and each loop ran with es as set.
 * Expected from sigscope: every sigreturn matched, nothing above low, no kill. Built -m32.
 */
#include "benign.h"

#include <asm/ldt.h>
#include <sys/time.h>

#define TICKS 20

static volatile int ticks;

static void on_alarm(int sig)
{
	(void)sig;
	ticks++;
}

int main(void)
{
	struct user_desc d = {.entry_number = 0,
			      .base_addr = 0,
			      .limit = 0xfffff,
			      .seg_32bit = 1,
			      .limit_in_pages = 1,
			      .useable = 1};
	struct itimerval it = {{0, 5000}, {0, 5000}};
	unsigned short ldt_sel = 4 | 3, flat, seen = 0;
	int loops = 0, es_held = 0;

	bn_init("ldt_es_m32", 30);
	BN_CHECK(syscall(SYS_modify_ldt, 1, &d, sizeof(d)) == 0, "modify_ldt: %s", strerror(errno));
	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
	__asm__ volatile("movw %%ds, %0" : "=r"(flat));
	/* es = the LDT segment while a loop runs (the signals come in there), flat afterwards */
	while (ticks < TICKS) {
		__asm__ volatile("movw %1, %%es\n\t"
				 "movl $200000, %%ecx\n1: loop 1b\n\t"
				 "movw %%es, %0\n\t"
				 "movw %2, %%es"
				 : "=r"(seen)
				 : "r"(ldt_sel), "r"(flat)
				 : "ecx", "memory");
		loops++;
		es_held += seen == ldt_sel;
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	printf("ldt_es_m32: %d ticks, es held in %d of %d loops\n", ticks, es_held, loops);
	BN_CHECK(es_held == loops, "es was not the LDT selector after %d of %d loops",
		 loops - es_held, loops);
	return bn_finish();
}
