// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// realworld: the Go workload of tests/realworld/run_realworld.py. What the Go runtime does with
// signals, all in one process for a few seconds:
//
//   - faults: nil pointer dereferences and reads of an unmapped page (debug.SetPanicOnFault),
//     recovered, on the main goroutine and on others. The SIGSEGV handler (runtime.sigtramp)
//     redirects the goroutine to runtime.sigpanic with a return address pushed;
//   - stack overflow: Go grows goroutine stacks by copying (morestack), no signal; a deep
//     recursion on the main goroutine and on others grows each stack to megabytes while signals
//     keep arriving, so frames land on freshly copied stacks;
//   - GC: garbage from several goroutines and runtime.GC() calls (the GC preempts with SIGURG);
//   - timers: a 1 kHz SIGALRM interval timer (setitimer) taken through signal.Notify, and time
//     tickers;
//   - preemption: goroutines spinning in call-free loops, more than there are Ps, so sysmon
//     preempts them asynchronously (SIGURG; rip moved to runtime.asyncPreempt).
//
// Usage: realworld [SECONDS]   (default 3). Prints "go: ..." with the counts, exits 0 when each
// is what it must be.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

var stop int32

type node struct {
	next *node
	buf  []byte
}

//go:noinline
func spin(seed uint64) uint64 {
	x := seed | 1
	for n := uint64(0); ; n++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if n&0xfffff == 0 && atomic.LoadInt32(&stop) != 0 {
			return x
		}
	}
}

// fault dereferences p and reports whether that panicked (and was recovered).
//
//go:noinline
func fault(p *int) (faulted bool) {
	defer func() {
		if recover() != nil {
			faulted = true
		}
	}()
	return *p == 42
}

// deep recurses with a 1 KiB frame: 4096 levels grow the goroutine stack past 4 MiB.
//
//go:noinline
func deep(n int) int {
	var pad [1024]byte
	pad[n%1024] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return deep(n-1) + int(pad[n%1024])
}

func churn(allocs *uint64) {
	var keep *node
	for i := 0; atomic.LoadInt32(&stop) == 0; i++ {
		keep = &node{next: keep, buf: make([]byte, 64+(i%512))}
		if i%4096 == 0 {
			keep = nil
		}
		if i%64 == 0 {
			atomic.AddUint64(allocs, 64)
		}
	}
}

func setitimer(usec int64) {
	tv := [4]int64{0, usec, 0, usec} // it_interval, it_value: {sec, usec}
	if _, _, e := syscall.Syscall(syscall.SYS_SETITIMER, 0, uintptr(unsafe.Pointer(&tv)), 0); e != 0 {
		fmt.Fprintln(os.Stderr, "setitimer:", e)
		os.Exit(1)
	}
}

func main() {
	seconds := 3.0
	if len(os.Args) > 1 {
		if v, err := strconv.ParseFloat(os.Args[1], 64); err == nil && v > 0 {
			seconds = v
		}
	}
	debug.SetPanicOnFault(true) // this goroutine's; the others set their own
	unmapped, err := syscall.Mmap(-1, 0, 4096, syscall.PROT_NONE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mmap:", err)
		os.Exit(1)
	}
	guard := (*int)(unsafe.Pointer(&unmapped[0]))

	alarms := make(chan os.Signal, 64)
	signal.Notify(alarms, syscall.SIGALRM)
	var alarmCount, tickCount, faults, deeps, allocs uint64
	go func() {
		for range alarms {
			atomic.AddUint64(&alarmCount, 1)
		}
	}()
	setitimer(1000)

	var wg sync.WaitGroup
	procs := runtime.GOMAXPROCS(0)
	for i := 0; i < 2*procs+2; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); spin(uint64(i)) }(i)
	}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); churn(&allocs) }()
	}
	for i := 0; i < 3; i++ { // faults and deep stacks on other goroutines
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			debug.SetPanicOnFault(true) // per goroutine
			for atomic.LoadInt32(&stop) == 0 {
				if fault(nil) && fault(guard) {
					atomic.AddUint64(&faults, 2)
				}
				deep(4096 + i)
				atomic.AddUint64(&deeps, 1)
				time.Sleep(time.Millisecond)
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for atomic.LoadInt32(&stop) == 0 {
			<-t.C
			atomic.AddUint64(&tickCount, 1)
		}
	}()

	gcs := 0
	mainFaults, mainDeeps := 0, 0
	end := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	for time.Now().Before(end) {
		if fault(nil) && fault(guard) {
			mainFaults += 2
		}
		deep(8192)
		mainDeeps++
		runtime.GC()
		gcs++
		time.Sleep(5 * time.Millisecond)
	}
	atomic.StoreInt32(&stop, 1)
	wg.Wait()
	setitimer(0)
	signal.Stop(alarms)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	ok := mainFaults > 0 && faults > 0 && mainDeeps > 0 && deeps > 0 && gcs > 0 &&
		atomic.LoadUint64(&alarmCount) > 0 && tickCount > 0
	fmt.Printf("go: faults recovered %d main + %d goroutines, deep stacks %d main + %d goroutines, "+
		"GC cycles %d (%d forced), SIGALRM %d, ticks %d, allocations %d\n",
		mainFaults, faults, mainDeeps, deeps, ms.NumGC, gcs, alarmCount, tickCount, allocs)
	if !ok {
		os.Exit(1)
	}
}
