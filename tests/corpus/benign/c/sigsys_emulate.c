/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sigsys_emulate: syscalls the kernel refuses to run, answered by a SIGSYS handler that writes
 * the emulated result into the saved rax. Two mechanisms, as real programs use them:
 *   - seccomp-bpf SECCOMP_RET_TRAP (Chromium's sandbox, Trap::SigSys; Firefox's content
 *     processes): uname() is trapped and answered with a sanitised utsname;
 *   - Syscall User Dispatch (Wine's mechanism for the syscalls of Windows code): a syscall made
 *     outside the allowed region (here: libc's text is allowed, and the "foreign" code is
 *     generated) with a number Linux does not know is answered with 42.
 *
 * Why: the handler changes rax, and only rax, at the trapped syscall's exit: red team round 3
 * found both killed (tampered_context high, [rax]). A kernel-raised SIGSYS (si_code SYS_SECCOMP
 * or SYS_USER_DISPATCH) explains it; a queued one does not (srop_sigsys_queued).
 *
 * Self-checks: every emulated call returned the handler's answer, every SIGSYS carried the
 * trapped syscall's number. Expected from sigscope: every sigreturn matched, nothing above info,
 * no kill. Syscall User Dispatch needs 5.11; older kernels run the seccomp half only.
 */
#include "benign.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/utsname.h>

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#define DISPATCH_ON	  1
#define DISPATCH_OFF	  0
#define FOREIGN_SYSCALL	  0x1234 /* no Linux syscall: only the handler answers it */
#define SYS_SECCOMP_CODE  1
#define SYS_DISPATCH_CODE 2
#define ROUNDS		  20

static volatile char selector = 1; /* SYSCALL_DISPATCH_FILTER_BLOCK */
static volatile int trapped, queued_traps, dispatched, strays;

static void on_sigsys(int sig, siginfo_t *si, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	if (si->si_code == SYS_SECCOMP_CODE && si->si_syscall == SYS_uname) {
		struct utsname *u = (struct utsname *)g[REG_RDI];

		memset(u, 0, sizeof(*u));
		strcpy(u->sysname, "Linux");
		strcpy(u->nodename, "sandbox");
		trapped++;
		g[REG_RAX] = 0; /* the emulated syscall's result */
	} else if (si->si_code == SYS_SECCOMP_CODE && si->si_syscall == SYS_rt_sigqueueinfo) {
		/* A trapped syscall that queues signals: the SIGSYS is raised inside it (red team
		 * round 26's false positive took it for a queued one). */
		queued_traps++;
		g[REG_RAX] = 0;
	} else if (si->si_code == SYS_DISPATCH_CODE && si->si_syscall == FOREIGN_SYSCALL) {
		dispatched++;
		g[REG_RAX] = 42;
	} else {
		strays++;
	}
}

/* The executable mapping that holds addr, from /proc/self/maps: its start and length. */
static unsigned long text_of(unsigned long addr, unsigned long *len)
{
	char line[512];
	unsigned long lo, hi, found = 0;
	FILE *m = fopen("/proc/self/maps", "r");

	while (m && !found && fgets(line, sizeof(line), m))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo <= addr && addr < hi &&
		    strstr(line, " r-xp ")) {
			found = lo;
			*len = hi - lo;
		}
	if (m)
		fclose(m);
	return found;
}

int main(void)
{
	struct sock_filter f[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uname, 1, 0),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_rt_sigqueueinfo, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
	unsigned long lo, len = 0;
	unsigned char *stub;
	int dispatch = 0;

	bn_init("sigsys_emulate", 20);
	bn_install(SIGSYS, on_sigsys, SA_SIGINFO);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		bn_die("seccomp");
	for (int i = 0; i < ROUNDS; i++) {
		struct utsname u = {0};

		BN_CHECK(uname(&u) == 0 && strcmp(u.nodename, "sandbox") == 0,
			 "round %d: uname was not emulated (%s)", i, u.nodename);
	}
	for (int i = 0; i < ROUNDS; i++) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_signo = SIGUSR2;
		si.si_code = SI_QUEUE;
		BN_CHECK(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR2, &si) == 0,
			 "round %d: rt_sigqueueinfo was not emulated", i);
	}
	/* Allowed: the code that holds libc's syscalls and restorer (libc.so, or this executable
	 * when static); the foreign syscall comes from generated code elsewhere. */
	lo = text_of((unsigned long)&uname, &len);
	if (!lo) {
		bn_say("uname's code is in no r-xp mapping of /proc/self/maps");
		return 1;
	}
	stub = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	if (stub == MAP_FAILED)
		bn_die("mmap");
	/* mov %rdi, %rax; syscall; ret */
	memcpy(stub, "\x48\x89\xf8\x0f\x05\xc3", 6);
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, DISPATCH_ON, lo, len, &selector) == 0) {
		dispatch = 1;
		for (int i = 0; i < ROUNDS; i++)
			BN_CHECK(((long (*)(long))stub)(FOREIGN_SYSCALL) == 42,
				 "round %d: not answered", i);
		selector = 0; /* SYSCALL_DISPATCH_FILTER_ALLOW */
		if (prctl(PR_SET_SYSCALL_USER_DISPATCH, DISPATCH_OFF, 0, 0, 0))
			bn_die("prctl dispatch off");
	} else if (errno != EINVAL) {
		bn_die("prctl dispatch on");
	}
	BN_CHECK(trapped == ROUNDS, "%d uname traps", trapped);
	BN_CHECK(queued_traps == ROUNDS, "%d rt_sigqueueinfo traps", queued_traps);
	BN_CHECK(dispatched == (dispatch ? ROUNDS : 0), "%d dispatches", dispatched);
	BN_CHECK(strays == 0, "%d stray SIGSYS", strays);
	printf("sigsys_emulate: trapped=%d dispatched=%d failures=%lu\n", trapped, dispatched,
	       bn_failures);
	return bn_failures ? 1 : 0;
}
