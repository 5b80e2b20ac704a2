/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_pivot_contended: a stack pivot into an adjacent mapping while the mmap lock is contended.
 * An attacker thread runs on its own 256 KiB mmap'd stack; a second anonymous mapping is placed
 * directly above it (MAP_FIXED_NOREPLACE; MADV_DONTFORK keeps the two from merging into one VMA).
 * Three other threads call mprotect() on unrelated pages in a tight loop, so the mmap lock is
 * held for writing most of the time. The attacker thread raises SIGUSR1; its handler sets the
 * saved rsp into the adjacent mapping and rip = mal_pwned, and returns normally through the
 * genuine frame. The kernel restores that: mal_pwned runs on the adjacent mapping.
 *
 * Why it works: when bpf_find_vma() finds the mmap lock busy, the pivot check fell back to
 * "within 256 KiB of the interrupted rsp", and the adjacent mapping is a few KiB away. (Now the
 * lockless walk of the VMA tree answers: src/bpf/vma.bpf.h.)
 *
 * Expected from sigscope: stack_pivot (high: rsp moved to another mapping than the interrupted
 * stack), whatever the lock state; no forged_frame (the frame is the kernel's).
 */
#include "mal.h"

#include <pthread.h>
#include <sys/mman.h>

#define STACK_SIZE (256 * 1024)
#define PIVOT_SIZE (64 * 1024)
#define HAMMERS	   3
#define WARMUP_OPS 20000 /* mprotect calls per hammer before the attack */

static unsigned char *stack_lo, *pivot_lo;
static volatile int stop;
static unsigned long hammer_ops[HAMMERS];
static volatile sig_atomic_t handled;

/* Toggling one page's protection splits and re-merges its VMA: mmap lock taken for writing. */
static void *hammer(void *arg)
{
	unsigned long *ops = arg;
	unsigned char *pages =
	    mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (pages == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	while (!stop) {
		if (mprotect(pages + 4096, 4096, PROT_READ) ||
		    mprotect(pages + 4096, 4096, PROT_READ | PROT_WRITE))
			mal_die(MAL_EXIT_SETUP, "mprotect");
		__atomic_add_fetch(ops, 2, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* Run by the hijacked context before it exits: a quiet exit, also on a one-CPU TCG guest (a 7.3
 * guest once spent its whole per-run timeout exiting with the hammers still running). */
static void stop_hammers(void)
{
	stop = 1;
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t new_sp = ((uint64_t)(pivot_lo + PIVOT_SIZE / 2) & ~15ull) - 8;

	(void)sig;
	(void)info;
	handled = 1;
	mal_say("pivot: rsp %#lx (stack [%p-%p)) -> %#lx (adjacent mapping [%p-%p)), rip %p",
		(unsigned long)uc->uc_mcontext.gregs[REG_RSP], (void *)stack_lo,
		(void *)(stack_lo + STACK_SIZE), (unsigned long)new_sp, (void *)pivot_lo,
		(void *)(pivot_lo + PIVOT_SIZE), (void *)mal_pwned);
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)new_sp;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)mal_pwned;
}

static void *attacker(void *arg)
{
	(void)arg;
	mal_raise_here(SIGUSR1);
	mal_say(handled ? "the handler ran but the pivot was not applied"
			: "the signal was not delivered");
	_exit(MAL_EXIT_NOTHING);
}

/* The attacker's stack, with a separate mapping right above it. */
static void map_adjacent(void)
{
	char name[64];
	uint64_t lo, hi;
	void *want;

	/* Room for both, then the top part handed back, so that the place above is free. */
	stack_lo = mmap(NULL, STACK_SIZE + PIVOT_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack_lo == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	want = stack_lo + STACK_SIZE;
	if (munmap(want, PIVOT_SIZE))
		mal_die(MAL_EXIT_SETUP, "munmap");
	pivot_lo = mmap(want, PIVOT_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (pivot_lo == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap MAP_FIXED_NOREPLACE");
	if (pivot_lo != want) {
		mal_say("the kernel ignored MAP_FIXED_NOREPLACE");
		_exit(MAL_EXIT_SETUP);
	}
	/* Different VMA flags (VM_DONTCOPY): the two mappings cannot merge into one VMA. */
	if (madvise(pivot_lo, PIVOT_SIZE, MADV_DONTFORK))
		mal_die(MAL_EXIT_SETUP, "madvise");
	if (mal_mapping((uint64_t)stack_lo, &lo, &hi, name, sizeof(name)) ||
	    hi != (uint64_t)pivot_lo) {
		mal_say("the stack and the pivot area are not two adjacent mappings");
		_exit(MAL_EXIT_SETUP);
	}
}

int main(void)
{
	pthread_t h[HAMMERS], a;
	pthread_attr_t attr;
	unsigned long total;

	mal_init("srop_pivot_contended", 20);
	mal_on_success = stop_hammers;
	map_adjacent();
	mal_handle(SIGUSR1, handler, 0);
	for (int i = 0; i < HAMMERS; i++)
		if (pthread_create(&h[i], NULL, hammer, &hammer_ops[i]))
			mal_die(MAL_EXIT_SETUP, "pthread_create");
	/* Contention first: every hammer is running before the delivery. */
	for (int i = 0; i < HAMMERS; i++)
		while (__atomic_load_n(&hammer_ops[i], __ATOMIC_RELAXED) < WARMUP_OPS)
			usleep(1000);
	total = 0;
	for (int i = 0; i < HAMMERS; i++)
		total += __atomic_load_n(&hammer_ops[i], __ATOMIC_RELAXED);
	mal_say("%d threads hammering mprotect (%lu calls so far); attacker stack [%p-%p), "
		"adjacent mapping [%p-%p)",
		HAMMERS, total, (void *)stack_lo, (void *)(stack_lo + STACK_SIZE), (void *)pivot_lo,
		(void *)(pivot_lo + PIVOT_SIZE));
	if (pthread_attr_init(&attr) || pthread_attr_setstack(&attr, stack_lo, STACK_SIZE) ||
	    pthread_create(&a, &attr, attacker, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	pthread_join(a, NULL);
	stop = 1;
	return MAL_EXIT_NOTHING;
}
