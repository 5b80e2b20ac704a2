/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_jit_handler_borrow (red team A6 and round 3's jit_borrow_from_jit, class 1): a JIT
 * runtime's identity borrowed as "the handler". The program maps an installed libjvm.so
 * PROT_EXEC itself (same device and inode as the file the JIT profile names) and makes a `ret`
 * byte inside it SIGUSR1's handler. SIGUSR1 and SIGUSR2 are made pending together and unblocked
 * by an rt_sigprocmask made from the program's own generated code (`syscall; ret` in anonymous
 * RWX memory, as any program using a JIT library runs), so the kernel writes SIGUSR1's frame F1
 * with a rip in anonymous code, then SIGUSR2's frame on top of it, before returning to user mode.
 * SIGUSR2's handler (this program's own code, its own context untouched) finds F1 at its
 * interrupted rsp and sets F1's rip to a second anonymous RWX stub that jumps to mal_pwned; then
 * the libjvm `ret` "handler" returns through __restore_rt into F1.
 *
 * Why: a rule that explains "only rip moved, from anonymous executable memory into anonymous
 * executable memory" by the handler's module being a JIT runtime (a JVM's handler does send rip
 * into its code cache) trusts the handler address as proof that the runtime's code ran, and
 * trusts that the frame was edited by its own handler. Neither holds: any process can map libjvm,
 * and the frame of one delivery can be edited by the handler of a delivery nested above it. The
 * runtime is the process's executable's (a JVM's bin/java), never a file it merely mapped.
 *
 * Needs an installed JVM (exits 77 without /usr/lib/jvm/.../libjvm.so); built dynamically like
 * the host's runs (tests/kernels/run.sh), and not in the 6.1 guest's plan, which has no JVM.
 *
 * Expected from sigscope: tampered_context (high: rip moved, unexplained, pattern jit_code); no
 * forged_frame, no stack_pivot.
 */
#include "mal.h"

#include <glob.h>
#include <sys/stat.h>

static const unsigned char *borrowed_ret; /* SIGUSR1's "handler": a ret byte in libjvm */
static unsigned char *generated;	  /* the program's own JIT code: `syscall; ret` */
static void *stub;
static volatile sig_atomic_t edited;

/* SIGUSR2, delivered on top of SIGUSR1's frame: rewrites that frame's rip. */
static void editor(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *f1 = mal_borrowed_frame(ucv, borrowed_ret);

	(void)sig;
	(void)info;
	if (!f1)
		return;
	f1->uc.uc_mcontext.rip = (uint64_t)stub;
	edited = 1;
}

int main(void)
{
	/* movabs $mal_pwned, %rax; jmp *%rax */
	unsigned char code[12] = {0x48, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xe0};
	uint64_t target = (uint64_t)mal_pwned;
	const unsigned char *m;
	struct stat st;
	sigset_t both;
	glob_t g;
	int fd;

	mal_init("srop_jit_handler_borrow", 10);
	if (glob("/usr/lib/jvm/*/lib/server/libjvm.so", 0, NULL, &g) || g.gl_pathc == 0) {
		mal_say("no /usr/lib/jvm/*/lib/server/libjvm.so: no JIT runtime to borrow");
		return MAL_EXIT_SKIP;
	}
	fd = open(g.gl_pathv[0], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st))
		mal_die(MAL_EXIT_SETUP, g.gl_pathv[0]);
	m = mmap(NULL, st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap libjvm");
	/* Past the ELF headers and dynamic tables: any 0xc3 byte is a `ret` when jumped to. */
	for (off_t i = 0x100000; i < st.st_size && !borrowed_ret; i++)
		if (m[i] == 0xc3)
			borrowed_ret = m + i;
	if (!borrowed_ret) {
		mal_say("no ret byte in %s", g.gl_pathv[0]);
		return MAL_EXIT_SETUP;
	}
	stub = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	if (stub == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	generated = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (generated == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	generated[0] = 0x0f, generated[1] = 0x05, generated[2] = 0xc3; /* syscall; ret */
	memcpy(code + 2, &target, sizeof(target));
	memcpy(stub, code, sizeof(code));
	mal_say("SIGUSR1's handler: %p in %s; stub %p", (void *)borrowed_ret, g.gl_pathv[0], stub);

	mal_borrow_pending(borrowed_ret, editor, &both);
	/* Both delivered on the way out of this call, made from the generated code: SIGUSR1's
	 * frame first (its rip in anonymous code), SIGUSR2's on top. */
	{
		register long r10 __asm__("r10") = 8;
		long nr = SYS_rt_sigprocmask;

		__asm__ volatile("call *%%rbx"
				 : "+a"(nr)
				 : "D"((long)SIG_UNBLOCK), "S"(&both), "d"(0L), "r"(r10),
				   "b"(generated)
				 : "rcx", "r11", "memory", "cc");
	}
	mal_say(edited ? "the frame was edited but the redirect did not run"
		       : "no nested delivery");
	return MAL_EXIT_NOTHING;
}
