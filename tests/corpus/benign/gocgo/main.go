// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// cgoprobe: a Go program linking C code that probes memory with its own SIGSEGV handler, which
// steps over the faulting load and reports the failure (red team round 33). sigscope refuses
// every skip in a Go executable (round 34 skipped Go's nil check through a chaining C handler),
// so the probes are a known false positive there: go/ldso runs it with 0 probes.
// Goroutines spin on its one P meanwhile, so main runs only when Go preempts one (SIGURG).
// go/ldso runs it through the dynamic loader.
//
// Usage: cgoprobe [PROBES]   (default 200; 0: only the preemptions). Prints one line; exit 0 when every probe failed
// cleanly (-1), 1 otherwise.
package main

/*
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <ucontext.h>

static volatile int probe_failed;

// The faulting load is `mov (%rdi),%eax` (8b 07): two bytes, stepped over.
static void on_segv(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;

	(void)sig;
	(void)si;
	probe_failed = 1;
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

static int probe(const void *addr)
{
	int v;

	probe_failed = 0;
	__asm__ volatile("xor %%eax,%%eax\n\t.byte 0x8b,0x07\n\tmov %%eax,%0"
			 : "=r"(v) : "D"(addr) : "eax", "memory");
	return probe_failed ? -1 : v;
}

static int run_probe(void)
{
	struct sigaction sa, old;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, &old);
	r = probe((void *)16);
	sigaction(SIGSEGV, &old, 0);
	return r;
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

var stop int32

//go:noinline
func spin(out *uint64) {
	x := uint64(1)
	for n := uint64(0); ; n++ {
		x ^= x << 13
		x ^= x >> 7
		if n&0xfffff == 0 && atomic.LoadInt32(&stop) != 0 {
			break
		}
	}
	*out = x
}

func main() {
	probes := 200
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil && v >= 0 {
			probes = v
		}
	}
	// One P: the spinners hold it, so main runs again only when Go preempts one (SIGURG).
	runtime.GOMAXPROCS(1)
	var sink [2]uint64
	for i := range sink {
		go spin(&sink[i])
	}
	failed := 0
	for i := 0; i < probes; i++ {
		runtime.LockOSThread() // the probe's handler is the process's for its duration
		if C.run_probe() == -1 {
			failed++
		}
		runtime.UnlockOSThread()
	}
	for i := 0; i < 20; i++ {
		time.Sleep(time.Millisecond) // each wakeup preempts a spinner
	}
	atomic.StoreInt32(&stop, 1)
	fmt.Printf("cgoprobe probes=%d failed_cleanly=%d\n", probes, failed)
	if failed != probes {
		os.Exit(1)
	}
}
