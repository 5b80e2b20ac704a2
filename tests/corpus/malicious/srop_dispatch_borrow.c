/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_dispatch_borrow (red team round 3, sbcl_dispatch_borrow2, class 1): a dispatching
 * runtime's identity borrowed as "the handler". SBCL's runtime (/usr/bin/sbcl) gets its profile
 * once any process in scope runs it (here: `sbcl --version` in a child). This C program then maps
 * sbcl's segments itself (same device and inode, same file offsets), makes a `ret` byte of sbcl's
 * text SIGUSR1's handler, and has a nested SIGUSR2 handler edit SIGUSR1's frame as SBCL's handler
 * would dispatch: rip = sbcl's call_into_lisp, rdi = a fake closure, rdx = 0 (no arguments), rsp
 * kept. call_into_lisp calls through the closure (`call *-3(%rax)`, rax = rdi): mal_pwned.
 *
 * Why: runtime_dispatch explained "rip onto an entry point the handler's own runtime dispatches
 * to" by the module of sa_handler; any process can map that module. The runtime is the process's
 * executable's, never a file it merely mapped.
 *
 * Needs an installed SBCL (exits 77 without /usr/bin/sbcl); not in the guests' plans.
 * Expected from sigscope: tampered_context (high: rip moved, unexplained); no forged_frame, no
 * stack_pivot.
 */
#include "mal.h"

#include <elf.h>
#include <sys/stat.h>

#define SBCL "/usr/bin/sbcl"

static const unsigned char *borrowed_ret; /* SIGUSR1's "handler": a ret byte in sbcl's text */
static unsigned char *base;		  /* where sbcl's segments are mapped */
static uint64_t call_into_lisp;		  /* its address in the file's (unrelocated) layout */
static void *fake_closure[2];
static volatile sig_atomic_t edited;

/* SIGUSR2, delivered on top of SIGUSR1's frame: makes it "dispatch" into call_into_lisp. */
static void editor(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *f1 = mal_borrowed_frame(ucv, borrowed_ret);

	(void)sig;
	(void)info;
	if (!f1)
		return;
	f1->uc.uc_mcontext.rip = (uint64_t)(base + call_into_lisp);
	f1->uc.uc_mcontext.rdi = (uint64_t)((char *)fake_closure + 3); /* a lisp function pointer */
	f1->uc.uc_mcontext.rdx = 0;				       /* no arguments */
	edited = 1;
}

/* The value of symbol `name` in the ELF file fd (its .symtab, else .dynsym): 0 if absent. */
static uint64_t elf_symbol(int fd, const char *name)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh[64];

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || eh.e_shnum > 64 ||
	    pread(fd, sh, eh.e_shnum * sizeof(sh[0]), (off_t)eh.e_shoff) < 0)
		return 0;
	for (int want = SHT_SYMTAB; want >= 0; want = want == SHT_SYMTAB ? SHT_DYNSYM : -1)
		for (int i = 0; i < eh.e_shnum; i++) {
			Elf64_Shdr *st = &sh[i], *strs;
			Elf64_Sym sym;
			char buf[64];

			if ((int)st->sh_type != want || st->sh_link >= eh.e_shnum)
				continue;
			strs = &sh[st->sh_link];
			for (uint64_t o = 0; o + sizeof(sym) <= st->sh_size; o += sizeof(sym)) {
				if (pread(fd, &sym, sizeof(sym), (off_t)(st->sh_offset + o)) !=
					sizeof(sym) ||
				    sym.st_name >= strs->sh_size)
					continue;
				memset(buf, 0, sizeof(buf));
				if (pread(fd, buf, sizeof(buf) - 1,
					  (off_t)(strs->sh_offset + sym.st_name)) > 0 &&
				    strcmp(buf, name) == 0)
					return sym.st_value;
			}
		}
	return 0;
}

/* Maps the PT_LOAD segments of fd as the loader would (unrelocated), at base. */
static void map_segments(int fd)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[16];

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || eh.e_phnum > 16 ||
	    pread(fd, ph, eh.e_phnum * sizeof(ph[0]), (off_t)eh.e_phoff) < 0)
		mal_die(MAL_EXIT_SETUP, "read " SBCL "'s headers");
	/* Zeroed and writable where no segment lands: its .bss */
	base = mmap(NULL, 0x200000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	for (int i = 0; i < eh.e_phnum; i++) {
		uint64_t va = ph[i].p_vaddr & ~0xfffULL, off = ph[i].p_offset & ~0xfffULL;
		int prot = PROT_READ | ((ph[i].p_flags & PF_X) ? PROT_EXEC : 0) |
			   ((ph[i].p_flags & PF_W) ? PROT_WRITE : 0);

		if (ph[i].p_type != PT_LOAD || va + ph[i].p_filesz > 0x200000)
			continue;
		if (mmap(base + va, ph[i].p_filesz + (ph[i].p_vaddr - va), prot,
			 MAP_PRIVATE | MAP_FIXED, fd, (off_t)off) == MAP_FAILED)
			mal_die(MAL_EXIT_SETUP, "mmap " SBCL);
		for (uint64_t a = ph[i].p_vaddr + 0x100;
		     (ph[i].p_flags & PF_X) && !borrowed_ret && a < ph[i].p_vaddr + ph[i].p_filesz;
		     a++)
			if (base[a] == 0xc3)
				borrowed_ret = base + a;
	}
}

int main(void)
{
	int fd = open(SBCL, O_RDONLY | O_CLOEXEC);
	sigset_t both;
	pid_t child;

	mal_init("srop_dispatch_borrow", 20);
	if (fd < 0) {
		mal_say("no " SBCL ": no dispatching runtime to borrow");
		return MAL_EXIT_SKIP;
	}
	call_into_lisp = elf_symbol(fd, "call_into_lisp");
	if (!call_into_lisp) {
		mal_say("no call_into_lisp in " SBCL);
		return MAL_EXIT_SETUP;
	}
	/* 1. sigscope reads the runtime's profile when it runs in scope */
	child = fork();
	if (child == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execl(SBCL, "sbcl", "--version", (char *)NULL);
		_exit(127);
	}
	if (child < 0 || waitpid(child, NULL, 0) < 0)
		mal_die(MAL_EXIT_SETUP, "run sbcl");
	usleep(300000); /* the profile is read asynchronously */
	/* 2. its code, mapped here; the target's page faulted in (the bytes at rip are read) */
	map_segments(fd);
	if (!borrowed_ret)
		mal_die(MAL_EXIT_SETUP, "no ret byte in " SBCL);
	(void)*(volatile unsigned char *)(base + call_into_lisp);
	fake_closure[0] = (void *)mal_pwned;

	mal_borrow_pending(borrowed_ret, editor, &both);
	/* Both delivered on the way out of this call: SIGUSR1's frame first, SIGUSR2's on top. */
	sigprocmask(SIG_UNBLOCK, &both, NULL);
	mal_say(edited ? "the frame was edited but the dispatch did not run"
		       : "no nested delivery");
	return MAL_EXIT_NOTHING;
}
