/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * seh: a Windows program for Wine (tests/realworld/run_realworld.py builds it with Debian's
 * mingw-w64 at test time). Wine turns every Windows exception into a Linux signal first: its
 * ntdll.so signal handler builds an EXCEPTION_RECORD and CONTEXT and redirects the interrupted
 * thread to the PE side's dispatcher (KiUserExceptionDispatcher), which calls the handlers; a
 * handler that continues has ntdll restore the CONTEXT it edited. This program drives each
 * path that way, from the main thread and from worker threads:
 *
 *   - access violations (SIGSEGV), integer division by zero (SIGFPE), int3 (SIGTRAP), each
 *     resumed by a vectored exception handler (VEH) that moves Rip past the instruction;
 *   - stack overflow (EXCEPTION_STACK_OVERFLOW: SIGSEGV on the guard page), once on the main
 *     thread and once on a worker thread, recovered by the VEH pointing the context at a
 *     function that __builtin_longjmp()s back to before the recursion;
 *   - SuspendThread/GetThreadContext/ResumeThread on a spinning thread (Wine asks the thread for
 *     its context with a signal: preemption from outside);
 *   - a timer queue timer (thread-pool timers, ticks counted).
 *
 * Prints "wine-seh: ..." with the counts and exits 0 when every count is what it should be.
 */
#include <windows.h>
#include <stdio.h>

#define FAULTS	   200
#define THREADS	   4
#define SUSPENDS   200
#define TIMER_MS   5
#define MIN_TICKS  10
#define FRAME_SIZE 4096

static volatile LONG access_violations, divide_errors, breakpoints, stack_overflows;
static volatile LONG ticks, spinning = 1;
static void *overflow_jmp[5]; /* __builtin_setjmp's buffer for the one overflow in progress */
static volatile DWORD64 overflow_rsp;
static volatile int depth_limit = 1 << 30; /* never reached: the guard page comes first */

/* The recursion that runs into the guard page; the array keeps each frame a page deep. */
static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[FRAME_SIZE];

	frame[0] = (char)depth;
	frame[FRAME_SIZE - 1] = (char)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0] + frame[FRAME_SIZE - 1];
}

/* Where the VEH sends a thread whose stack overflowed: back to overflow_once() for good. */
static void __attribute__((noinline, noreturn)) overflow_recovered(void)
{
	__builtin_longjmp(overflow_jmp, 1);
}

static LONG CALLBACK veh(EXCEPTION_POINTERS *ep)
{
	CONTEXT *c = ep->ContextRecord;
	const unsigned char *ip = (const unsigned char *)c->Rip;

	switch (ep->ExceptionRecord->ExceptionCode) {
	case EXCEPTION_ACCESS_VIOLATION:
		if (ip[0] == 0xc6 && ip[1] == 0x00) { /* movb $imm, (%rax): the probe in fault() */
			c->Rip += 3;
			InterlockedIncrement(&access_violations);
			return EXCEPTION_CONTINUE_EXECUTION;
		}
		break;
	case EXCEPTION_INT_DIVIDE_BY_ZERO:
		if (ip[0] == 0xf7 && ip[1] == 0xf1) { /* divl %ecx */
			c->Rip += 2;
			InterlockedIncrement(&divide_errors);
			return EXCEPTION_CONTINUE_EXECUTION;
		}
		break;
	case EXCEPTION_BREAKPOINT:
		/* Windows reports int3 with Rip on the instruction itself. */
		if (ip[0] == 0xcc) {
			c->Rip += 1;
			InterlockedIncrement(&breakpoints);
			return EXCEPTION_CONTINUE_EXECUTION;
		}
		break;
	case EXCEPTION_STACK_OVERFLOW:
		if (overflow_rsp) {
			/* A call's alignment: rsp = 8 mod 16 at the entry of a function. */
			c->Rsp = (overflow_rsp & ~(DWORD64)15) - 8;
			c->Rip = (DWORD64)overflow_recovered;
			InterlockedIncrement(&stack_overflows);
			return EXCEPTION_CONTINUE_EXECUTION;
		}
		break;
	}
	return EXCEPTION_CONTINUE_SEARCH;
}

static void fault(void)
{
	unsigned int q = 7, zero = 0;

	asm volatile("movb $1, (%%rax)" ::"a"(16UL) : "memory");
	asm volatile("divl %%ecx" : "+a"(q) : "c"(zero), "d"(0) : "cc");
	asm volatile("int3");
}

/* One stack overflow on the calling thread, recovered; returns 1 when it came back. */
static int overflow_once(void)
{
	volatile char here;

	overflow_rsp = (DWORD64)&here - 1024; /* well inside the frames above recursion */
	if (__builtin_setjmp(overflow_jmp) == 0)
		recurse(0);
	overflow_rsp = 0;
	return 1;
}

static DWORD WINAPI faulter(void *arg)
{
	(void)arg;
	for (int i = 0; i < FAULTS; i++)
		fault();
	return 0;
}

static DWORD WINAPI overflower(void *arg)
{
	(void)arg;
	return overflow_once() ? 0 : 1;
}

static DWORD WINAPI spinner(void *arg)
{
	volatile unsigned long *n = arg;

	while (spinning)
		(*n)++;
	return 0;
}

static void CALLBACK tick(void *arg, BOOLEAN fired)
{
	(void)arg;
	(void)fired;
	InterlockedIncrement(&ticks);
}

int main(void)
{
	HANDLE t[THREADS], spin, overflow, timer;
	volatile unsigned long spun = 0;
	int suspends = 0, ok;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!AddVectoredExceptionHandler(1, veh)) {
		printf("wine-seh: AddVectoredExceptionHandler failed\n");
		return 1;
	}
	if (!CreateTimerQueueTimer(&timer, NULL, tick, NULL, TIMER_MS, TIMER_MS, 0)) {
		printf("wine-seh: CreateTimerQueueTimer failed\n");
		return 1;
	}
	for (int i = 0; i < FAULTS; i++)
		fault();
	for (int i = 0; i < THREADS; i++)
		t[i] = CreateThread(NULL, 0, faulter, NULL, 0, NULL);
	WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);

	overflow_once(); /* the main thread */
	overflow = CreateThread(NULL, 0, overflower, NULL, 0, NULL);
	WaitForSingleObject(overflow, INFINITE);

	spin = CreateThread(NULL, 0, spinner, (void *)&spun, 0, NULL);
	for (int i = 0; i < SUSPENDS; i++) {
		CONTEXT c = {.ContextFlags = CONTEXT_FULL};

		if (SuspendThread(spin) == (DWORD)-1)
			break;
		if (GetThreadContext(spin, &c) && c.Rip)
			suspends++;
		ResumeThread(spin);
		Sleep(0);
	}
	spinning = 0;
	WaitForSingleObject(spin, INFINITE);
	while (ticks < MIN_TICKS)
		Sleep(TIMER_MS);
	DeleteTimerQueueTimer(NULL, timer, INVALID_HANDLE_VALUE);

	printf("wine-seh: access violations %ld, divide errors %ld, breakpoints %ld, stack "
	       "overflows %ld (main and one thread), suspends %d, timer ticks %ld\n",
	       access_violations, divide_errors, breakpoints, stack_overflows, suspends, ticks);
	ok = access_violations == FAULTS * (THREADS + 1) &&
	     divide_errors == FAULTS * (THREADS + 1) && breakpoints == FAULTS * (THREADS + 1) &&
	     stack_overflows == 2 && suspends == SUSPENDS && ticks >= MIN_TICKS;
	return ok ? 0 : 1;
}
