/* The syscall-restart prediction (src/shared/restart.h) against handle_signal()'s rules. */
#include "shared/restart.h"
#include "unit.h"

#define SA_RESTART_FLAG 0x10000000ULL
#define NR_READ		0
#define IP		0x401000ULL

static __u32 run(__s64 ret, __u64 orig_ax, __u64 sa_flags, int compat, __u64 *ax, __u64 *ip)
{
	*ax = (__u64)ret;
	*ip = IP;
	return sigscope_apply_restart(ax, ip, orig_ax, sa_flags, compat);
}

TEST(restart_not_in_syscall_changes_nothing)
{
	__u64 ax, ip;

	CHECK(run(-512, (__u64)-1, SA_RESTART_FLAG, 0, &ax, &ip) == 0);
	/* rax 0xffffffff at `syscall`: the kernel's syscall_get_nr() is -1 (an int), no restart
	 * (red team round 44: seccomp answered -ERESTARTSYS there, c6/restart_nr32) */
	CHECK(run(-512, 0xffffffffULL, SA_RESTART_FLAG, 0, &ax, &ip) == 0);
	CHECK(ax == (__u64)-512 && ip == IP);
	CHECK(run(-512, 0xffffffffULL, 0, 0, &ax, &ip) == 0);
	CHECK(ax == (__u64)-512 && ip == IP);
	CHECK(ax == (__u64)-512 && ip == IP);
}

TEST(restart_erestartsys_with_sa_restart_rewinds)
{
	__u64 ax, ip;
	__u32 f = run(-512, NR_READ, SA_RESTART_FLAG, 0, &ax, &ip);

	CHECK(f == (SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_RESTARTED));
	CHECK(ax == NR_READ);
	CHECK(ip == IP - 2);
}

TEST(restart_erestartsys_without_sa_restart_is_eintr)
{
	__u64 ax, ip;
	__u32 f = run(-512, NR_READ, 0, 0, &ax, &ip);

	CHECK(f == (SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_EINTR));
	CHECK(ax == (__u64)-4);
	CHECK(ip == IP);
}

TEST(restart_erestartnointr_always_rewinds)
{
	__u64 ax, ip;

	CHECK(run(-513, 7, 0, 0, &ax, &ip) & SIGSCOPE_DLV_RESTARTED);
	CHECK(ax == 7 && ip == IP - 2);
}

TEST(restart_erestartnohand_and_restartblock_are_eintr_even_with_sa_restart)
{
	__u64 ax, ip;

	CHECK(run(-514, 7, SA_RESTART_FLAG, 0, &ax, &ip) & SIGSCOPE_DLV_EINTR);
	CHECK(ax == (__u64)-4 && ip == IP);
	CHECK(run(-516, 7, SA_RESTART_FLAG, 0, &ax, &ip) & SIGSCOPE_DLV_EINTR);
	CHECK(ax == (__u64)-4 && ip == IP);
}

TEST(restart_other_results_are_left_alone)
{
	__u64 ax, ip;

	CHECK(run(-11, 7, SA_RESTART_FLAG, 0, &ax, &ip) == SIGSCOPE_DLV_IN_SYSCALL);
	CHECK(ax == (__u64)-11 && ip == IP);
	CHECK(run(42, 7, 0, 0, &ax, &ip) == SIGSCOPE_DLV_IN_SYSCALL);
	CHECK(ax == 42);
}

TEST(restart_compat_reads_the_error_from_the_low_32_bits)
{
	__u64 ax, ip;

	/* A 32-bit syscall leaves -ERESTARTSYS zero-extended in the 64-bit register. */
	ax = 0xfffffe00ULL;
	ip = IP;
	CHECK(sigscope_apply_restart(&ax, &ip, 3, SA_RESTART_FLAG, 1) & SIGSCOPE_DLV_RESTARTED);
	CHECK(ax == 3 && ip == IP - 2);
	ax = 0xfffffe00ULL;
	ip = IP;
	CHECK(sigscope_apply_restart(&ax, &ip, 3, SA_RESTART_FLAG, 0) == SIGSCOPE_DLV_IN_SYSCALL);
}
