/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Helpers repeated in benign.h and in single programs on purpose: each corpus program is
 * self-contained (built static for the 6.1 guest, readable alone as a proof of concept). */
/*
 * Shared by the malicious corpus (tests/corpus/malicious/): sigreturn attacks that, when they
 * succeed, run mal_pwned(), which creates the file named by $MARKER (open O_CREAT, write "pwned")
 * and exits 0. Exit statuses, the contract with tests/corpus/run_malicious.py:
 *   0   the attack succeeded (the marker was written by the hijacked context)
 *   3   the attack did not happen (the kernel refused the frame, the context never ran, the race
 *       was never won...) for a reason other than being killed
 *   77  this kernel cannot run the attack at all (skip)
 *   1/2 setup error / usage
 * Killed by SIGKILL: sigscope --enforce stopped it.
 *
 * Every program prints "NAME: pid N" on stderr first, so a runner can find its events.
 *
 * Programs that must exist before sigscope attaches (run modes "attach" and "scoped" of
 * run_malicious.py) call mal_wait_go(): it prints "NAME: ready" and waits for SIGUSR2 (blocked,
 * taken with sigwaitinfo, so the go signal runs no handler and leaves no frame). A program whose
 * attack runs in another process than the one that printed "NAME: pid N" prints
 * "NAME: attacker pid M" for the attacker, whose events the runner then checks.
 */
#ifndef MAL_H
#define MAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define MAL_UNUSED __attribute__((unused))

#define MAL_EXIT_OK	 0
#define MAL_EXIT_SETUP	 1
#define MAL_EXIT_NOTHING 3
#define MAL_EXIT_SKIP	 77

/* The kernel's x86_64 frame (arch/x86/include/asm/sigframe.h, uapi asm/sigcontext.h). */
struct k_sigcontext64 {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* 0: the kernel clears the FP state instead of loading one */
	uint64_t reserved1[8];
};

struct k_ucontext64 {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct {
		uint64_t ss_sp;
		int32_t ss_flags;
		int32_t pad;
		uint64_t ss_size;
	} uc_stack;
	struct k_sigcontext64 uc_mcontext;
	uint64_t uc_sigmask;
};

struct k_rt_sigframe64 {
	/* Popped by the handler's ret: rt_sigreturn reads the frame at rsp - 8. */
	uint64_t pretcode;
	struct k_ucontext64 uc;
	unsigned char info[128];
};

_Static_assert(sizeof(struct k_sigcontext64) == 256, "sigcontext layout");
_Static_assert(sizeof(struct k_rt_sigframe64) == 440, "rt_sigframe layout");
_Static_assert(offsetof(struct k_rt_sigframe64, uc.uc_mcontext.rip) == 8 + 40 + 16 * 8,
	       "rip offset");

#define USER_CS 0x33
#define USER_DS 0x2b

static const char *mal_name = "mal";
static const char *mal_marker;
/* Called by mal_pwned() before it writes the marker (e.g. to report how the attack won). */
static void (*mal_on_success)(void);

static MAL_UNUSED __attribute__((format(printf, 1, 2))) void mal_say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, m;

	m = snprintf(buf, sizeof(buf), "%s: ", mal_name);
	va_start(ap, fmt);
	n = vsnprintf(buf + m, sizeof(buf) - m - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += m;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

static MAL_UNUSED __attribute__((noreturn)) void mal_die(int status, const char *what)
{
	mal_say("%s: %s", what, strerror(errno));
	_exit(status);
}

/*
 * The payload: what the hijacked context runs. It is entered by a jmp (no return address, any
 * stack alignment), so it realigns the stack, and it never returns.
 */
static MAL_UNUSED __attribute__((noreturn, used, noinline, force_align_arg_pointer)) void
mal_pwned(void)
{
	static const char msg[] = ": attack succeeded, marker written\n";
	int fd;

	if (mal_on_success)
		mal_on_success();
	fd = open(mal_marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || write(fd, "pwned", 5) != 5)
		mal_die(MAL_EXIT_SETUP, "cannot write the marker");
	close(fd);
	if (write(2, mal_name, strlen(mal_name)) < 0 || write(2, msg, sizeof(msg) - 1) < 0)
		_exit(MAL_EXIT_OK);
	_exit(MAL_EXIT_OK);
}

/* A crash (the kernel refused a frame: SIGSEGV; a bad restored context) means "did not happen". */
static void mal_crash_handler(int sig)
{
	static const char msg[] = ": crashed, the attack did not happen\n";

	(void)sig;
	if (write(2, mal_name, strlen(mal_name)) < 0 || write(2, msg, sizeof(msg) - 1) < 0)
		_exit(MAL_EXIT_NOTHING);
	_exit(MAL_EXIT_NOTHING);
}

/*
 * Start-up: name, marker path (must not exist yet), the crash handlers (on their own altstack,
 * since a refused frame can leave any rsp), and a watchdog.
 */
static MAL_UNUSED void mal_init(const char *name, unsigned int watchdog_s)
{
	static char altstack[65536] __attribute__((aligned(16)));
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0};
	struct sigaction sa;
	static const int crash[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};

	mal_name = name;
	mal_say("pid %d", (int)getpid());
	mal_marker = getenv("MARKER");
	if (!mal_marker || !*mal_marker) {
		mal_say("set MARKER to the path of the marker file to create");
		_exit(2);
	}
	if (access(mal_marker, F_OK) == 0) {
		mal_say("marker %s already exists: remove it first", mal_marker);
		_exit(2);
	}
	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mal_crash_handler;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
		if (sigaction(crash[i], &sa, NULL))
			mal_die(MAL_EXIT_SETUP, "sigaction");
	/* A hang is a failure to happen, not a success: SIGALRM's default action kills. */
	alarm(watchdog_s);
}

/* A 64-bit user context at rip on the stack rsp, all other registers 0, no FP state. */
static MAL_UNUSED void mal_fill_sigcontext(struct k_sigcontext64 *sc, uint64_t rip, uint64_t rsp)
{
	memset(sc, 0, sizeof(*sc));
	sc->rip = rip;
	sc->rsp = rsp;
	sc->eflags = 0x246;
	sc->cs = USER_CS;
	sc->ss = USER_DS;
	sc->fpstate = 0;
}

/* A context that runs mal_pwned() on the given stack, as a 64-bit user task (no FP state). */
static MAL_UNUSED void mal_fill_context(struct k_rt_sigframe64 *f, uint64_t rip, uint64_t rsp)
{
	memset(f, 0, sizeof(*f));
	f->uc.uc_stack.ss_flags =
	    SS_DISABLE; /* restore_altstack(): no altstack change to speak of */
	mal_fill_sigcontext(&f->uc.uc_mcontext, rip, rsp);
	f->uc.uc_sigmask = 0;
}

/* ---- Helpers for attacks built on genuine deliveries ---- */

/* Send sig to the calling thread (delivered before the syscall returns to user mode). */
static MAL_UNUSED void mal_raise_here(int sig)
{
	if (syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), sig))
		mal_die(MAL_EXIT_SETUP, "tgkill");
}

/*
 * The FP attacks' victim: fn's address in xmm0, sig sent to the calling thread by a raw tgkill
 * (delivered on that syscall's way out, the frame holding xmm0), then a call through xmm0. A
 * handler that rewrites the frame's xmm0 redirects the call.
 */
static MAL_UNUSED void mal_call_through_xmm0(void (*fn)(void), int sig)
{
	__asm__ volatile("movq %[fn], %%xmm0\n\t"
			 "mov %[nr], %%eax\n\t"
			 "syscall\n\t"
			 "movq %%xmm0, %%rax\n\t"
			 "call *%%rax\n\t"
			 :
			 : [fn] "r"((uint64_t)(uintptr_t)fn), [nr] "i"(SYS_tgkill),
			   "D"((long)getpid()), "S"((long)syscall(SYS_gettid)), "d"((long)sig)
			 : "rax", "rcx", "r8", "r9", "r10", "r11", "xmm0", "memory");
}

/*
 * The FP unmask attacks' victim: 10 / 3 by divsd (inexact), into a register zeroed first, so a
 * division its SIGFPE handler skipped leaves 0; a ratio under 1 grants what it guards. The divsd
 * is f2 0f 5e c1 (4 bytes), which the handlers skip.
 */
static MAL_UNUSED void mal_inexact_ratio_guard(void)
{
	double ratio;

	__asm__ volatile("movsd %1, %%xmm2\n\t"
			 "movsd %2, %%xmm1\n\t"
			 "movsd %%xmm2, %%xmm0\n\t"
			 "xorpd %%xmm0, %%xmm0\n\t"
			 ".byte 0xf2, 0x0f, 0x5e, 0xc1\n\t" /* divsd %xmm1, %xmm0 */
			 "movsd %%xmm0, %0\n\t"
			 : "=m"(ratio)
			 : "m"((double){10.0}), "m"((double){3.0})
			 : "xmm0", "xmm1", "xmm2");
	if (ratio < 1.0)
		mal_pwned();
	mal_say("10 / 3 = %g", ratio);
}

/* Install an SA_SIGINFO handler (glibc adds SA_RESTORER and its __restore_rt). */
static MAL_UNUSED void mal_handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
}

/* Inside a handler: the frame the kernel wrote for this delivery (ucontext - 8, pretcode first). */
static MAL_UNUSED struct k_rt_sigframe64 *mal_genuine_frame(void *ucv)
{
	return (struct k_rt_sigframe64 *)((char *)ucv - 8);
}

/*
 * A copy of a genuine frame (pretcode, registers, mask, uc_stack, siginfo) that restores rip on
 * the stack rsp. fpstate is cleared: the copy's pointer would name the genuine frame's FP area,
 * which may be overwritten by the time the copy is used (0 = the kernel clears the FP state).
 */
static MAL_UNUSED void mal_copy_frame(struct k_rt_sigframe64 *dst,
				      const struct k_rt_sigframe64 *genuine, uint64_t rip,
				      uint64_t rsp)
{
	memcpy(dst, genuine, sizeof(*dst));
	dst->uc.uc_mcontext.rip = rip;
	dst->uc.uc_mcontext.rsp = rsp;
	dst->uc.uc_mcontext.fpstate = 0;
}

/*
 * rt_sigreturn through `restorer` with the frame f, exactly as a handler's ret would: rsp just
 * past pretcode (the kernel reads the frame at rsp - 8), then into the restorer
 * (`mov $15, %eax; syscall`).
 */
static MAL_UNUSED __attribute__((noreturn)) void mal_sigreturn_via(struct k_rt_sigframe64 *f,
								   const void *restorer)
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "jmp *%1\n\t"
			 :
			 : "r"(&f->uc), "r"(restorer)
			 : "memory");
	__builtin_unreachable();
}

/* execve payload: argv for /bin/sh that creates the marker with the right content. */
static MAL_UNUSED char *mal_sh_argv[] = {"sh", "-c", "printf pwned > \"$MARKER\"", NULL};

/*
 * Inside a handler: make the syscall the restored context issues next execve("/bin/sh",
 * mal_sh_argv, environ) by rewriting its number and argument registers only (rip, rsp, rbp kept).
 */
static MAL_UNUSED void mal_rewrite_execve_sh(greg_t *g)
{
	g[REG_RAX] = SYS_execve;
	g[REG_RDI] = (greg_t) "/bin/sh";
	g[REG_RSI] = (greg_t)mal_sh_argv;
	g[REG_RDX] = (greg_t)environ;
}

/* The trap flag in eflags: the CPU raises a single-step trap (SIGTRAP) after each instruction. */
#define MAL_EFLAGS_TF 0x100

/*
 * A lazily mapped page: PROT_NONE until mal_lazy_map(). The first load from it faults (a genuine
 * synchronous SIGSEGV at that instruction, rip kept on it); a SIGSEGV handler maps it in, as a
 * userfault-style allocator would, and the load re-executes.
 */
static MAL_UNUSED volatile char *mal_lazy_page(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	return p;
}

static MAL_UNUSED void mal_lazy_map(volatile char *page)
{
	if (mprotect((void *)page, 4096, PROT_READ))
		mal_die(MAL_EXIT_SETUP, "mprotect");
}

/* Where a hijacked call to execve returns when the execve failed. */
static MAL_UNUSED __attribute__((noreturn, used, noinline, force_align_arg_pointer)) void
mal_exec_failed(void)
{
	static const char msg[] = ": the redirected execve returned, the attack did not happen\n";

	if (write(2, mal_name, strlen(mal_name)) < 0 || write(2, msg, sizeof(msg) - 1) < 0)
		_exit(MAL_EXIT_NOTHING);
	_exit(MAL_EXIT_NOTHING);
}

/*
 * Inside a handler: make the saved context call fn(a1, a2, a3) as a `call` would, returning to
 * ret: rsp = 8 mod 16 at entry with the return address pushed. The slot is taken from the
 * interrupted code's red zone (the 128 bytes below the saved rsp), which the kernel skipped when
 * it wrote the frame, so the genuine frame stays intact.
 */
static MAL_UNUSED void mal_redirect_call(ucontext_t *uc, const void *fn, uint64_t a1, uint64_t a2,
					 uint64_t a3, const void *ret)
{
	uint64_t sp = ((uint64_t)uc->uc_mcontext.gregs[REG_RSP] & ~15ull) - 24;

	*(uint64_t *)sp = (uint64_t)ret;
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)sp;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)fn;
	uc->uc_mcontext.gregs[REG_RDI] = (greg_t)a1;
	uc->uc_mcontext.gregs[REG_RSI] = (greg_t)a2;
	uc->uc_mcontext.gregs[REG_RDX] = (greg_t)a3;
}

/*
 * The mapping (/proc/self/maps line) that holds addr: [*lo, *hi) and its path (or "[anon]").
 * Returns 0 when found. Not async-signal-safe: call it outside handlers.
 */
static MAL_UNUSED int mal_mapping(uint64_t addr, uint64_t *lo, uint64_t *hi, char *name,
				  size_t name_size)
{
	char line[512], path[256];
	unsigned long a, b;
	FILE *f = fopen("/proc/self/maps", "re");
	int found = -1;

	if (!f)
		return -1;
	while (found && fgets(line, sizeof(line), f)) {
		path[0] = 0;
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %255s", &a, &b, path) < 2)
			continue;
		if (addr < a || addr >= b)
			continue;
		*lo = a;
		*hi = b;
		if (name_size) {
			/* Truncated to fit: only for the log. */
			size_t len = strnlen(path[0] ? path : "[anon]", name_size - 1);

			memcpy(name, path[0] ? path : "[anon]", len);
			name[len] = 0;
		}
		found = 0;
	}
	fclose(f);
	return found;
}

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000 /* the kernel's; glibc sets it but does not export it */
#endif

static void mal_unused_handler(int sig)
{
	(void)sig;
}

/*
 * glibc's __restore_rt (`mov $15, %rax; syscall`): glibc's sigaction() installs it as
 * sa_restorer, so registering a handler for a signal that is never sent and reading the action
 * back gives its address.
 */
static MAL_UNUSED void *mal_libc_restorer(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mal_unused_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGWINCH, &sa, NULL) || sigaction(SIGWINCH, NULL, &old))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	if (!(old.sa_flags & SA_RESTORER) || !old.sa_restorer) {
		mal_say("glibc did not set SA_RESTORER: no restorer to borrow");
		_exit(MAL_EXIT_SETUP);
	}
	return (void *)old.sa_restorer;
}

/*
 * Ordinary SROP through a real restorer: rsp just past the forged frame's pretcode (as after a
 * handler's ret), then a jmp into the restorer. The caller filled the frame.
 */
static MAL_UNUSED __attribute__((noreturn)) void mal_enter_frame(struct k_rt_sigframe64 *frame,
								 void *restorer)
{
	frame->pretcode = (uint64_t)restorer; /* what a genuine frame would hold */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "jmp *%1\n\t"
			 :
			 : "r"(&frame->uc), "r"(restorer)
			 : "memory");
	__builtin_unreachable();
}

/*
 * The SROP of srop_libc_restorer as one call: a forged frame in AREA (at least 32 KiB, on the
 * caller's stack) where a handler's frame would lie, restored rip = mal_pwned, restored rsp on
 * the same stack above it, entered through glibc's __restore_rt. Never returns.
 */
static MAL_UNUSED __attribute__((noreturn)) void mal_libc_srop(char *area)
{
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)(area + 8192 - 8);
	uint64_t new_rsp = (uint64_t)(area + 16384) - 8;
	void *restorer = mal_libc_restorer();

	mal_fill_context(frame, (uint64_t)mal_pwned, new_rsp);
	mal_say("forged frame at %p, restorer %p, rip %p, rsp %#lx", (void *)frame, restorer,
		(void *)mal_pwned, (unsigned long)new_rsp);
	mal_enter_frame(frame, restorer);
}

/*
 * tgkill(pid, tid, sig) with the syscall in the calling program's own text: the delivery's saved
 * rip is the instruction after it (redirect_site_ret). A macro, expanded once at file scope by the
 * programs that redirect from it, so that the symbols are theirs.
 */
#define MAL_REDIRECT_SITE()                                                                        \
	extern long redirect_site_tgkill(long pid, long tid, long sig);                            \
	extern const char redirect_site_ret[];                                                     \
	__asm__(".text\n"                                                                          \
		".globl redirect_site_tgkill\n"                                                    \
		".type redirect_site_tgkill, @function\n"                                          \
		"redirect_site_tgkill:\n\t"                                                        \
		"mov $234, %eax\n\t" /* SYS_tgkill */                                              \
		"syscall\n"                                                                        \
		".globl redirect_site_ret\n"                                                       \
		"redirect_site_ret:\n\t"                                                           \
		"ret\n\t"                                                                          \
		".size redirect_site_tgkill, . - redirect_site_tgkill\n")

/* The go protocol (see the top of this file). Call before any thread is started. */
/* Take the go (SIGUSR2, already blocked): no handler runs, so it leaves no frame. */
static MAL_UNUSED void mal_take_go(void)
{
	sigset_t go;
	int sig;

	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	do
		sig = sigwaitinfo(&go, NULL);
	while (sig < 0 && errno == EINTR);
	if (sig != SIGUSR2)
		mal_die(MAL_EXIT_SETUP, "sigwaitinfo");
}

static MAL_UNUSED void mal_wait_go(void)
{
	sigset_t go;
	unsigned int left;

	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	/* The watchdog must not fire while the runner attaches: give it back afterwards. */
	left = alarm(0);

	mal_say("ready");
	mal_take_go();
	alarm(left ? left : 10);
}

/*
 * Parent side of an attack run in a child: wait for it and exit as a shell would (its status,
 * or 128 + the signal that killed it), so a runner sees the attacker's fate in ours.
 */
static MAL_UNUSED __attribute__((noreturn)) void mal_exit_as_child(pid_t child)
{
	int status;

	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			mal_die(MAL_EXIT_SETUP, "waitpid");
	if (WIFSIGNALED(status)) {
		mal_say("attacker %d killed by signal %d", (int)child, WTERMSIG(status));
		_exit(128 + WTERMSIG(status));
	}
	_exit(WEXITSTATUS(status));
}

#ifdef MAL_FLOOD
#include <pthread.h>
#include <sched.h>
#include <time.h>

/*
 * Issue 15's flood (srop_skip_flood, srop_plain_mimic): the process pinned to the CPU it runs on,
 * then `threads` sibling threads there each signal themselves (SIGUSR1, a counting handler) and
 * make null syscalls, so that tasks preempted inside sigscope's programs make the kernel skip
 * them for the others on that CPU (docs/kernels.md). Returns once they ran for warm_ms.
 */
static volatile int mal_flooding = 1;
static volatile unsigned long mal_flood_signals;

static void mal_flood_handler(int sig)
{
	(void)sig;
	mal_flood_signals++;
}

static void *mal_flood_thread(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);

	(void)arg;
	while (mal_flooding) {
		syscall(SYS_tgkill, getpid(), tid, SIGUSR1);
		for (int i = 0; i < 8; i++)
			syscall(SYS_getppid);
	}
	return NULL;
}

static MAL_UNUSED void mal_same_cpu_flood(int threads, long warm_ms)
{
	struct timespec warm = {warm_ms / 1000, (warm_ms % 1000) * 1000000L};
	struct sigaction sa;
	cpu_set_t set;
	pthread_t t;
	int cpu = sched_getcpu();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mal_flood_handler;
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		mal_die(MAL_EXIT_SETUP, "sigaction");
	CPU_ZERO(&set);
	CPU_SET(cpu >= 0 ? cpu : 0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) /* before the threads: they inherit it */
		mal_die(MAL_EXIT_SETUP, "sched_setaffinity");
	for (int i = 0; i < threads; i++)
		if (pthread_create(&t, NULL, mal_flood_thread, NULL) != 0)
			mal_die(MAL_EXIT_SETUP, "pthread_create");
	nanosleep(&warm, NULL);
	mal_say("%d flood threads on cpu %d, %lu signals so far; a forged sigreturn follows",
		threads, sched_getcpu(), mal_flood_signals);
}
#endif /* MAL_FLOOD */

#ifdef MAL_UNREAD_FRAME
/*
 * The frame no BPF program can read at a sigreturn's entry, while the kernel can (class 6:
 * srop_unreadable_frame, srop_unread_skip). The handler runs on a sigaltstack that is a
 * MAP_SHARED memfd mapping, placed so that its frame straddles a page boundary: pretcode and the
 * registers on the lower page, the end of the frame (siginfo) on the upper one. Once armed, the
 * handler moves rip to mal_pwned, then drops the upper page's mapping with MADV_DONTNEED: the
 * bytes stay in the memfd, so the kernel's copy faults them back in, but a BPF read never faults
 * (copy_from_user_nofault) and fails. Uses MAL_REDIRECT_SITE()'s redirect_site_tgkill.
 */
#define MAL_ALT_SIZE (64 * 1024)
#define MAL_PAGE     4096ul

extern long redirect_site_tgkill(long pid, long tid, long sig); /* MAL_REDIRECT_SITE() */

static char *mal_alt;
static volatile uint64_t mal_frame_addr;
static volatile int mal_tamper;

static void mal_unread_handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t frame = (uint64_t)ucv - 8;

	(void)sig;
	(void)info;
	mal_frame_addr = frame;
	if (!mal_tamper)
		return;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)mal_pwned;
	/* The page after the one holding rip: the frame's tail (siginfo) and the FP state. */
	madvise((void *)((frame & ~(MAL_PAGE - 1)) + MAL_PAGE), MAL_PAGE, MADV_DONTNEED);
}

static void mal_set_altstack(uint64_t top)
{
	stack_t ss = {.ss_sp = mal_alt, .ss_size = top - (uint64_t)mal_alt, .ss_flags = 0};

	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
}

/* Map the altstack, install the handler for sig (SA_ONSTACK), and deliver sig once to learn how
 * far below the altstack's top the kernel puts the frame; then move the top so that the next
 * frame starts 256 bytes or a little more below a page boundary: rip (+176) below it, the
 * siginfo (+312) above. Arm with mal_tamper = 1, then deliver sig through redirect_site_tgkill. */
static MAL_UNUSED void mal_unread_frame_setup(int sig)
{
	uint64_t top, k, want;
	int fd = memfd_create("altstack", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, MAL_ALT_SIZE + 2 * MAL_PAGE))
		mal_die(MAL_EXIT_SETUP, "memfd");
	mal_alt =
	    mmap(NULL, MAL_ALT_SIZE + 2 * MAL_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (mal_alt == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_handle(sig, mal_unread_handler, SA_ONSTACK);
	top = (uint64_t)mal_alt + MAL_ALT_SIZE;
	mal_set_altstack(top);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), sig);
	if (!mal_frame_addr)
		mal_die(MAL_EXIT_SETUP, "no delivery");
	k = top - mal_frame_addr;
	/* Multiples of 64 keep the frame's alignment the same. */
	want = (((uint64_t)mal_alt + MAL_ALT_SIZE / 2) & ~(MAL_PAGE - 1)) - 256;
	top = (want + k) & ~63ul;
	mal_set_altstack(top);
	mal_say("frame %#lx bytes below the altstack top; frame now at %#lx", (unsigned long)k,
		(unsigned long)(top - k));
}
#endif /* MAL_UNREAD_FRAME */

/*
 * A borrowed handler's frame edited by a nested one: SIGUSR1's handler is `borrowed` (a byte of a
 * module the program mapped itself, not a function of its own), SIGUSR2's is `editor`. Both are
 * made pending while blocked, so that the next unblock (of *both) delivers SIGUSR1's frame first
 * and SIGUSR2's on top of it, before returning to user mode.
 */
static MAL_UNUSED void mal_borrow_pending(const void *borrowed,
					  void (*editor)(int, siginfo_t *, void *), sigset_t *both)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = (void (*)(int))(uintptr_t)borrowed;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	mal_handle(SIGUSR2, editor, 0);
	sigemptyset(both);
	sigaddset(both, SIGUSR1);
	sigaddset(both, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, both, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	mal_raise_here(SIGUSR1);
	mal_raise_here(SIGUSR2);
}

/* In mal_borrow_pending's editor: SIGUSR1's frame when SIGUSR2 interrupted the entry of the
 * borrowed handler (rsp is that frame's pretcode), else NULL. */
static MAL_UNUSED struct k_rt_sigframe64 *mal_borrowed_frame(void *ucv, const void *borrowed)
{
	ucontext_t *uc = ucv;

	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)borrowed)
		return NULL;
	return (struct k_rt_sigframe64 *)uc->uc_mcontext.gregs[REG_RSP];
}

/*
 * A thread spinning in `1: nop; jmp 1b`, waiting for an authorisation that never comes, then the
 * privileged path (mal_pwned): a "fault" handler that moves rip past the jmp (exactly its 2
 * bytes) at mal_spin_jmp lets it through. mal_skip_spin_jmp is that handler, for SIGSEGV with
 * si_code SEGV_MAPERR; anywhere else it returns and waits for the next one.
 */
extern const char mal_spin_jmp[];
static volatile sig_atomic_t mal_spin_skipped;

static MAL_UNUSED void *mal_spin_victim(void *arg)
{
	(void)arg;
	__asm__ volatile("1:\n\t"
			 "nop\n"
			 ".globl mal_spin_jmp\n"
			 "mal_spin_jmp:\n\t"
			 "jmp 1b\n\t"
			 "call mal_pwned\n\t" ::
			     : "memory");
	__builtin_unreachable();
}

static MAL_UNUSED void mal_skip_spin_jmp(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	if (info->si_code != SEGV_MAPERR)
		_exit(MAL_EXIT_NOTHING); /* not ours */
	if (g[REG_RIP] != (greg_t)mal_spin_jmp)
		return;
	g[REG_RIP] += 2; /* jmp rel8: exactly it */
	mal_spin_skipped = 1;
}

#endif /* MAL_H */
