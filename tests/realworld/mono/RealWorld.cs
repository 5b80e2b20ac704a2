// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The Mono workload of tests/realworld/run_realworld.py (compiled with Debian's mcs). Mono's
// signal handlers are part of normal execution:
//
//   - faults: null dereferences in JIT code (SIGSEGV; the handler turns the fault into a
//     NullReferenceException by redirecting the thread into the runtime's throw path) and
//     integer division by zero (SIGFPE, DivideByZeroException), caught, on several threads;
//   - stack overflow: unbounded recursion on the main thread and on a second thread
//     (SIGSEGV on the guard page, handled on Mono's sigaltstack, StackOverflowException),
//     caught;
//   - GC: garbage and GC.Collect(); SGen stops the world by signalling every thread (SIGPWR
//     to suspend, SIGXCPU to restart) and they return from those handlers;
//   - timers: a System.Threading.Timer every 2 ms; preemption: the GC's suspend signals on busy
//     threads;
//   - Thread.Abort of workers spinning in JIT code: with MONO_THREADS_SUSPEND=preemptive (the
//     mono-preemptive workload) Mono suspends the worker with a signal and its handler, resumed,
//     sends it into the runtime's abort path with an async call (red team round 9).
//
// Usage: mono RealWorld.exe [SECONDS]   (default 3). Prints "mono: ..." with the counts, exits 0
// when each is what it must be.
using System;
using System.Collections.Generic;
using System.Threading;

public static class RealWorld
{
    sealed class Box
    {
        public int V;
    }

    static volatile bool stop;
    static long nres, divs, overflows, ticks, garbage, aborts;
    public static volatile int Sink; // public: written only, to keep the loop

    static void Spin()
    {
        try {
            long i = 0;
            while (true) {
                i++;
                Sink = (int)i;
            }
        } catch (ThreadAbortException) {
            Interlocked.Increment(ref aborts);
            Thread.ResetAbort();
        }
    }

    // Aborts three workers spinning in managed code, one at a time; returns how many were.
    static long AbortSpinners()
    {
        for (int k = 0; k < 3; k++) {
            var t = new Thread(Spin);
            t.Start();
            Thread.Sleep(50);
            t.Abort();
            t.Join();
        }
        return Interlocked.Read(ref aborts);
    }

    static int Read(Box b)
    {
        return b.V;
    }

    static int Divide(int a, int b)
    {
        return a / b;
    }

    static int Recurse(int n)
    {
        return Recurse(n + 1) + 1;
    }

    static void Overflow()
    {
        try {
            Recurse(0);
        } catch (StackOverflowException) {
            Interlocked.Increment(ref overflows);
        }
    }

    static void Faulter()
    {
        Box[] boxes = new Box[256];
        for (int i = 0; i < boxes.Length; i++)
            boxes[i] = i % 64 == 63 ? null : new Box { V = i };
        long s = 0;
        int zero = 0;
        while (!stop) {
            foreach (Box b in boxes) {
                try {
                    s += Read(b);
                } catch (NullReferenceException) {
                    Interlocked.Increment(ref nres);
                }
            }
            try {
                s += Divide(7, zero);
            } catch (DivideByZeroException) {
                Interlocked.Increment(ref divs);
            }
            var junk = new List<int[]>();
            for (int i = 0; i < 256; i++)
                junk.Add(new int[64 + (i & 63)]);
            Interlocked.Add(ref garbage, junk.Count);
            Thread.Sleep(5); // about a thousand exceptions a second a thread, not a storm
        }
        if (s == 42)
            Console.Write("");
    }

    public static int Main(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0]) : 3.0;
        // The overflows first, alone: Mono 6.8 aborts when a thread overflows while another
        // is being suspended for a collection ("Cannot transition thread ... from
        // SELF_SUSPENDED"), which is Mono's bug, not what this workload is after.
        Overflow();
        long mainOverflows = Interlocked.Read(ref overflows);
        var overflower = new Thread(Overflow, 16 * 1024 * 1024);
        overflower.Start();
        overflower.Join();
        long threadOverflows = Interlocked.Read(ref overflows) - mainOverflows;
        long aborted = AbortSpinners();
        using (var timer = new Timer(_ => Interlocked.Increment(ref ticks), null, 2, 2)) {
            var threads = new List<Thread>();
            for (int t = 0; t < 3; t++) {
                var th = new Thread(Faulter);
                th.Start();
                threads.Add(th);
            }
            // The faults flow: a run under `sigscope -p` attaches now (run_realworld.py).
            Console.Error.WriteLine("mono: ready");
            DateTime end = DateTime.UtcNow.AddSeconds(seconds);
            int gcs = 0;
            while (DateTime.UtcNow < end) {
                GC.Collect();
                gcs++;
                Thread.Sleep(20);
            }
            stop = true;
            foreach (var th in threads)
                th.Join();
            Console.WriteLine("mono: null references caught {0}, divisions by zero caught {1}, "
                + "stack overflows {2} main + {3} thread, GC.Collect {4} ({5} collections), "
                + "timer ticks {6}, garbage arrays {7}, threads aborted {8}",
                Interlocked.Read(ref nres), Interlocked.Read(ref divs), mainOverflows,
                threadOverflows, gcs, GC.CollectionCount(0), Interlocked.Read(ref ticks),
                Interlocked.Read(ref garbage), aborted);
            bool ok = nres > 0 && divs > 0 && mainOverflows == 1 && threadOverflows == 1
                && gcs > 0 && Interlocked.Read(ref ticks) > 0 && aborted == 3;
            return ok ? 0 : 1;
        }
    }
}
