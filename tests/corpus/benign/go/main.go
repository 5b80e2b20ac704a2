// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// preempt: a benign Go workload for sigscope's corpus (tests/corpus/run_benign.py). Go preempts
// goroutines asynchronously with SIGURG: its handler rewrites the interrupted context so that
// the goroutine resumes in runtime.asyncPreempt (rip moved into the binary's text, rsp lowered
// by the pushed return address). This program forces that path as often as it can:
//
//   - spinners: goroutines in tight loops without a function call (no cooperative preemption
//     point), more of them than there are Ps, so sysmon preempts them every 10 ms;
//   - allocators: goroutines building and dropping garbage, so the GC runs constantly and its
//     stop-the-world phases and stack scans preempt every spinner;
//   - a collector calling runtime.GC() in a loop.
//
// First it recovers from two kinds of nil fault, 20 of each: a nil pointer's dereference (Go's
// handler pushes a call to sigpanic0 from the faulting Go code) and a call through a func value
// whose code pointer is nil (the faulting pc, 0, is not Go code: Go moves rip onto sigpanic0
// alone and pushes nothing; red team round 35, killed as unexplained).
//
// Usage: preempt [SECONDS]   (default 5). Prints one summary line and exits 0 (1 when a nil
// fault was not recovered). With
// PREEMPT_SETUID=ID in its environment it first drops to that uid and gid (as a daemon does).
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

var stop int32 // set once the time is up

// spin never calls a function in its loop, so only an asynchronous preemption can stop it:
// atomic.LoadInt32 is an intrinsic on amd64 (one MOVL), not a call.
//
//go:noinline
func spin(seed uint64, out *uint64) {
	x := seed | 1
	for n := uint64(0); ; n++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if n&0xfffff == 0 && atomic.LoadInt32(&stop) != 0 {
			break
		}
	}
	*out = x
}

type node struct {
	next *node
	buf  []byte
}

// churn allocates linked lists of small objects and drops them: GC pressure.
func churn(id int, done *int32, allocs *uint64) {
	var keep *node
	for i := 0; atomic.LoadInt32(done) == 0; i++ {
		n := &node{next: keep, buf: make([]byte, 64+(i%512))}
		keep = n
		if i%4096 == 0 {
			keep = nil // drop the whole list
		}
		if i%64 == 0 {
			atomic.AddUint64(allocs, 64)
		}
	}
	_ = keep
}

// funcval is the layout of a Go func value: a pointer to its code pointer.
type funcval struct{ fn uintptr }

//go:noinline
func callRecovered(f func()) (recovered bool) {
	defer func() { recovered = recover() != nil }()
	f()
	return false
}

//go:noinline
func derefRecovered(p *uint64) (recovered bool) {
	defer func() { recovered = recover() != nil }()
	_ = *p
	return false
}

// nilFaults recovers from n nil calls and n nil dereferences; how many of each were recovered.
func nilFaults(n int) (calls, derefs int) {
	var f func()
	*(*unsafe.Pointer)(unsafe.Pointer(&f)) = unsafe.Pointer(&funcval{fn: 0}) // a failed lookup
	for i := 0; i < n; i++ {
		if callRecovered(f) {
			calls++
		}
		if derefRecovered(nil) {
			derefs++
		}
	}
	return calls, derefs
}

func main() {
	seconds := 5.0
	if len(os.Args) > 1 {
		v, err := strconv.ParseFloat(os.Args[1], 64)
		if err != nil || v <= 0 {
			fmt.Fprintln(os.Stderr, "usage: preempt [SECONDS]")
			os.Exit(2)
		}
		seconds = v
	}
	// A daemon started as root that drops its privileges once its runtime runs (red team round
	// 32: it entered a -u scope after its exec, and its profile had never been asked for).
	if uid := os.Getenv("PREEMPT_SETUID"); uid != "" {
		id, err := strconv.Atoi(uid)
		if err == nil {
			time.Sleep(50 * time.Millisecond)
			err = syscall.Setgid(id)
		}
		if err == nil {
			err = syscall.Setuid(id)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "preempt: dropping privileges:", err)
			os.Exit(1)
		}
	}
	nilCalls, nilDerefs := nilFaults(20)
	if nilCalls != 20 || nilDerefs != 20 {
		fmt.Fprintf(os.Stderr, "preempt: recovered %d of 20 nil calls, %d of 20 nil dereferences\n",
			nilCalls, nilDerefs)
		os.Exit(1)
	}
	procs := runtime.GOMAXPROCS(0)
	spinners := 2*procs + 2
	var wg sync.WaitGroup
	results := make([]uint64, spinners)
	for i := 0; i < spinners; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			spin(uint64(i)*0x9e3779b97f4a7c15, &results[i])
		}(i)
	}
	var done int32
	var allocs uint64
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			churn(i, &done, &allocs)
		}(i)
	}
	gcs := 0
	deadline := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	for time.Now().Before(deadline) {
		runtime.GC() // stop-the-world: preempts every spinner
		gcs++
		time.Sleep(2 * time.Millisecond)
	}
	atomic.StoreInt32(&stop, 1)
	atomic.StoreInt32(&done, 1)
	wg.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("preempt seconds=%g gomaxprocs=%d spinners=%d explicit_gcs=%d numgc=%d allocs=%d "+
		"nil_calls=%d nil_derefs=%d\n", seconds, procs, spinners, gcs, ms.NumGC,
		atomic.LoadUint64(&allocs), nilCalls, nilDerefs)
}
