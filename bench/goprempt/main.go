// Command goprempt is bench/run.sh's realistic signal mix: a Go program whose goroutines spin in
// tight loops without function calls, so the runtime can only preempt them asynchronously, with a
// SIGURG to the thread (sysmon's 10 ms time slices, and every stop-the-world of the collector),
// while they allocate and force collections. The amount of work is fixed, not the time: the
// run time is the measured quantity.
//
// Usage: goprempt [UNITS]   (default 400; each goroutine does UNITS units of work)
// Prints: goprempt units=N goroutines=G gcs=C elapsed_ns=E start_ns=S cpu_us=U sum=X
// (the same fields as the C workloads, see bench/bench_common.h; sum defeats dead-code removal)
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"time"
)

const (
	spinPerUnit  = 1 << 20 // multiply-adds per unit, with no call the compiler could preempt at
	allocPerUnit = 64      // objects allocated per unit
	objectBytes  = 4096
	keptObjects  = 256 // per goroutine, so the heap holds live data the collector must mark
	gcEveryUnits = 25  // each goroutine forces a collection this often
)

type node struct {
	payload []byte
	next    *node
}

// work is one goroutine's share: units of spinning and allocating, and a forced GC every
// gcEveryUnits units. Its return value depends on every step.
func work(id, units int, gcs *int64, mu *sync.Mutex) uint64 {
	kept := make([]*node, keptObjects)
	x := uint64(id)*0x9e3779b97f4a7c15 + 1
	for u := 0; u < units; u++ {
		for i := 0; i < spinPerUnit; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		for i := 0; i < allocPerUnit; i++ {
			n := &node{payload: make([]byte, objectBytes)}
			n.payload[x%objectBytes] = byte(x)
			slot := int((x >> 33) % keptObjects)
			n.next = kept[slot]
			if n.next != nil {
				n.next.next = nil // keep the chains short: garbage, not a leak
			}
			kept[slot] = n
			x ^= uint64(n.payload[0])
		}
		if (u+1)%gcEveryUnits == 0 {
			runtime.GC()
			mu.Lock()
			*gcs++
			mu.Unlock()
		}
	}
	for _, n := range kept {
		if n != nil {
			x += uint64(n.payload[x%objectBytes])
		}
	}
	return x
}

func cpuMicros() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return (ru.Utime.Sec+ru.Stime.Sec)*1000000 + int64(ru.Utime.Usec+ru.Stime.Usec)
}

func main() {
	startNs := time.Now().UnixNano()
	units := 400
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "usage: goprempt [UNITS]")
		os.Exit(2)
	}
	if len(os.Args) == 2 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: goprempt [UNITS]   (a positive integer)")
			os.Exit(2)
		}
		units = n
	}
	// Twice as many spinning goroutines as Ps: the scheduler must preempt them to share.
	goroutines := 2 * runtime.GOMAXPROCS(0)

	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		gcs  int64
		sums = make([]uint64, goroutines)
	)
	t0 := time.Now()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			sums[g] = work(g, units, &gcs, &mu)
		}(g)
	}
	wg.Wait()
	elapsed := time.Since(t0)
	var sum uint64
	for _, s := range sums {
		sum ^= s
	}
	fmt.Printf("goprempt units=%d goroutines=%d gcs=%d elapsed_ns=%d start_ns=%d cpu_us=%d sum=%d\n",
		units, goroutines, gcs, elapsed.Nanoseconds(), startNs, cpuMicros(), sum)
}
