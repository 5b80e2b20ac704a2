/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vma_forest: thousands of mappings of every kind, and redirects into them, so that sigscope's
 * VMA lookups (src/bpf/vma.bpf.h) are asked about addresses all over a deep VMA tree, and
 * answered from a lock someone keeps busy when asked to.
 *
 *     vma_forest GROUPS REDIRECTS [contend]
 *
 * GROUPS runs of five pages are carved from one reservation: an anonymous executable page
 * holding a stub, a writable page, a read-only page, a private file mapping of this program's
 * own stub page (executable), and a hole; neighbours differ, so each page is its own VMA. Each
 * redirect is an int3 whose SIGTRAP handler sends rip to one of them, chosen round-robin at a
 * pseudo-random group. A stub jumps back to where the trap returns; on a page that cannot run,
 * the instruction fetch faults and the SIGSEGV handler sends rip back there (into this
 * program's text). `contend` keeps the mm lock busy all the while: three threads mprotect a
 * populated region (write lock) and a child process writes /proc/PPID/clear_refs (what
 * another process of the same user may do). The region is 16 MiB, 64 MiB on one CPU (a TCG
 * guest): there the lock is busy only when a hammer is preempted inside mprotect's page-table
 * walk, and with 16 MiB a 6.18 guest met it on 0 of 64 sigreturns.
 *
 * Ground truth, one line per rt_sigreturn this program makes, in order, on the file named by
 * GROUND_TRUTH (else stdout): "sigreturn N rip 0xADDR class CLASS", CLASS as sigscope's
 * verdict.ripClass names it. Exit 0 when every redirect came back.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE	4096UL
#define KINDS	5
#define HAMMERS 3

/* vf_trap: int3, then vf_back: ret. vf_stub, alone on its page: jump to vf_back. */
void vf_trap(void);
void vf_back(void);
void vf_stub(void);
__asm__(".text\n"
	".globl vf_trap\n.type vf_trap,@function\nvf_trap:\n\tint3\n"
	".globl vf_back\n.type vf_back,@function\nvf_back:\n\tret\n"
	".p2align 12\n"
	".globl vf_stub\n.type vf_stub,@function\nvf_stub:\n"
	"\tmovabs $vf_back, %rax\n\tjmp *%rax\n"
	".p2align 12\n"
	".byte 0xcc\n");

enum kind { ANON_EXEC, WRITABLE, READONLY, FILE_EXEC, HOLE };
static const char *const class_of[KINDS] = {"anon_exec", "writable", "readonly", "file_exec",
					    "unmapped"};

static unsigned char *forest;
static volatile uint64_t target;
static volatile int contending = 1;
static FILE *truth;
static unsigned long sigreturns;

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void expect(uint64_t rip, const char *cls)
{
	fprintf(truth, "sigreturn %lu rip %#lx class %s\n", ++sigreturns, (unsigned long)rip, cls);
}

static void on_trap(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP] = (greg_t)target;
}

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)vf_back;
}

/* The file offset of vf_stub's page in this program's file, from /proc/self/maps. */
static off_t stub_offset(void)
{
	uintptr_t stub = (uintptr_t)vf_stub, lo, hi;
	unsigned long long off;
	char line[512], perms[8];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		die("/proc/self/maps");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s %llx", &lo, &hi, perms, &off) == 4 && lo <= stub &&
		    stub < hi) {
			fclose(f);
			return (off_t)(off + (stub - lo));
		}
	}
	fclose(f);
	fprintf(stderr, "vma_forest: vf_stub is in no mapping\n");
	exit(2);
}

static void plant(unsigned long groups)
{
	unsigned char stub[PAGE];
	int fd = open("/proc/self/exe", O_RDONLY);
	off_t off = stub_offset();

	if (fd < 0)
		die("/proc/self/exe");
	memcpy(stub, (void *)vf_stub, PAGE);
	forest = mmap(NULL, groups * KINDS * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (forest == MAP_FAILED)
		die("mmap reservation");
	for (unsigned long g = 0; g < groups; g++) {
		unsigned char *p = forest + g * KINDS * PAGE;

		if (mmap(p, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			 -1, 0) == MAP_FAILED)
			die("mmap anon");
		memcpy(p, stub, 16);
		if (mprotect(p, PAGE, PROT_READ | PROT_EXEC))
			die("mprotect exec");
		if (mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			die("mmap rw");
		p[PAGE] = 1;
		if (mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
			 0) == MAP_FAILED)
			die("mmap ro");
		if (mmap(p + 3 * PAGE, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd,
			 off) == MAP_FAILED)
			die("mmap file");
		if (munmap(p + 4 * PAGE, PAGE))
			die("munmap");
	}
	close(fd);
}

static size_t contend_size;

static void *hammer(void *arg)
{
	unsigned char *big = arg;

	while (contending) {
		mprotect(big, contend_size, PROT_READ);
		mprotect(big, contend_size, PROT_READ | PROT_WRITE);
	}
	return NULL;
}

/* Another process of the same user: clear_refs takes the mm lock for write (6.x). */
static pid_t outside_writer(void)
{
	char path[64];
	pid_t parent = getpid(), pid = fork();

	if (pid < 0)
		die("fork");
	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	snprintf(path, sizeof(path), "/proc/%d/clear_refs", (int)parent);
	for (;;) {
		int fd = open(path, O_WRONLY);

		if (fd < 0 || write(fd, "1", 1) != 1)
			_exit(0);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	unsigned long groups, redirects, seed = 12345;
	const char *gt = getenv("GROUND_TRUTH");
	pthread_t h[HAMMERS];
	unsigned char *big = NULL;
	pid_t writer = 0;
	int contend;
	struct sigaction sa = {.sa_flags = SA_SIGINFO};

	if (argc < 3) {
		fprintf(stderr, "usage: vma_forest GROUPS REDIRECTS [contend]\n");
		return 2;
	}
	groups = strtoul(argv[1], NULL, 0);
	redirects = strtoul(argv[2], NULL, 0);
	contend = argc > 3 && strcmp(argv[3], "contend") == 0;
	truth = gt ? fopen(gt, "w") : stdout;
	if (!truth || !groups)
		die("ground truth");
	plant(groups);
	sa.sa_sigaction = on_trap;
	if (sigaction(SIGTRAP, &sa, NULL))
		die("sigaction");
	sa.sa_sigaction = on_segv;
	if (sigaction(SIGSEGV, &sa, NULL))
		die("sigaction");
	if (contend) {
		contend_size = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 16UL << 20 : 64UL << 20;
		big = mmap(NULL, contend_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (big == MAP_FAILED)
			die("mmap contend");
		for (int i = 0; i < HAMMERS; i++)
			if (pthread_create(&h[i], NULL, hammer, big))
				die("pthread_create");
		writer = outside_writer();
		usleep(100000);
	}
	for (unsigned long i = 0; i < redirects; i++) {
		unsigned long g, k = i % KINDS;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		g = (seed >> 33) % groups;
		target = (uint64_t)(uintptr_t)(forest + (g * KINDS + k) * PAGE);
		vf_trap();
		expect(target, class_of[k]);
		if (k != ANON_EXEC && k != FILE_EXEC)
			expect((uint64_t)(uintptr_t)vf_back, "file_exec");
	}
	if (contend) {
		contending = 0;
		for (int i = 0; i < HAMMERS; i++)
			pthread_join(h[i], NULL);
		kill(writer, SIGKILL);
		waitpid(writer, NULL, 0);
	}
	fprintf(stderr, "vma_forest: %lu mappings, %lu redirects, %lu sigreturns%s\n",
		groups * (KINDS - 1), redirects, sigreturns, contend ? ", contended" : "");
	fclose(truth);
	return 0;
}
