/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * skip_emulated: a handler that emulates the access that faulted and steps over it, leaving the
 * cause in place (a DSM or MMIO model, a probe of memory that may be absent). Three shapes, ROUNDS
 * each: a store to a read-only page (the handler writes the value into a shadow copy), a load of
 * a PROT_NONE page whose value nobody needs (a touch), and a load of an unmapped address.
 *
 * Why: red team round 41 cancelled a load whose page the handler had made readable, so a skip
 * after a memory fault is explained only while the access would still fault. A store to a page
 * that is readable but not writable still faults: the write bit of the fault decides.
 *
 * Self-checks: every fault was handled once, the shadow copy holds every store, the protected
 * pages are unchanged. Expected from sigscope: only instruction_skip (low), no kill.
 */
#include "benign.h"

#include <sys/mman.h>

#define ROUNDS 30

static char *ro_page, *none_page, *hole;
static volatile int faults;
static int shadow[ROUNDS];

/* The stores: `mov %esi,(%rdi)` (89 37, 2 bytes). The touches: `mov (%rdi),%eax` (8b 07). */
void skip_store(int *at, int value);
int skip_touch(const int *at);
__asm__(".pushsection .text.skip_emulated,\"ax\",@progbits\n"
	".globl skip_store\n.type skip_store,@function\nskip_store:\n"
	"  mov %esi, (%rdi)\n"
	"  ret\n"
	".globl skip_touch\n.type skip_touch,@function\nskip_touch:\n"
	"  xor %eax, %eax\n"
	"  mov (%rdi), %eax\n"
	"  ret\n"
	".popsection\n");

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char *a = si->si_addr;

	(void)sig;
	faults++;
	if (a >= ro_page && a < ro_page + 4096) /* the store, emulated in the shadow */
		shadow[(a - ro_page) / (int)sizeof(int)] = (int)uc->uc_mcontext.gregs[REG_RSI];
	else if (!(a >= none_page && a < none_page + 4096) && !(a >= hole && a < hole + 4096))
		_exit(2);
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

int main(void)
{
	struct sigaction sa;

	bn_init("skip_emulated", 20);
	ro_page = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro_page == MAP_FAILED)
		bn_die("mmap");
	none_page = ro_page + 4096;
	hole = ro_page + 2 * 4096;
	if (mprotect(none_page, 4096, PROT_NONE) || munmap(hole, 4096))
		bn_die("mprotect");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSEGV, &sa, NULL))
		bn_die("sigaction");
	for (int i = 0; i < ROUNDS; i++) {
		int before = faults;

		skip_store((int *)ro_page + i, 1000 + i);
		BN_CHECK(faults == before + 1, "store %d: %d faults", i, faults - before);
		BN_CHECK(shadow[i] == 1000 + i, "store %d: the shadow holds %d", i, shadow[i]);
		BN_CHECK(((int *)ro_page)[i] == 0, "store %d reached the read-only page", i);
		BN_CHECK(skip_touch((int *)none_page + i) == 0, "touch %d read a value", i);
		BN_CHECK(skip_touch((int *)hole + i) == 0, "probe %d read a value", i);
		BN_CHECK(faults == before + 3, "round %d: %d faults", i, faults - before);
	}
	printf("skip_emulated: rounds=%d faults=%d failures=%lu\n", ROUNDS, faults, bn_failures);
	return bn_failures ? 1 : 0;
}
