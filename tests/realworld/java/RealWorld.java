// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The OpenJDK workload of tests/realworld/run_realworld.py. HotSpot takes signals as part of
// normal execution; its SIGSEGV handler redirects the interrupted thread into stubs in the code
// cache:
//
//   - faults: implicit null checks in JIT-compiled loops (SIGSEGV at a low address, resumed at
//     the method's NullPointerException continuation), caught, on several threads;
//   - stack overflow: unbounded recursion on the main thread and on a second thread hits the
//     yellow guard zone (SIGSEGV; the handler unprotects it and resumes at the
//     StackOverflowError throw stub); each StackOverflowError is caught and the recursion
//     repeated;
//   - GC: garbage on every thread and System.gc() (safepoints: C2 code polls a page the VM
//     protects, SIGSEGV redirected to the safepoint stub);
//   - timers: a ScheduledExecutorService ticking every 2 ms;
//   - preemption: busy threads brought to safepoints and handshakes (thread dumps of all
//     threads, Thread.getAllStackTraces).
//
// Usage: java RealWorld [SECONDS]   (default 3). Prints "java: ..." with the counts, exits 0
// when each is what it must be.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public final class RealWorld {
    static final class Box {
        int v;
        Box(int v) { this.v = v; }
    }

    static volatile boolean stop;
    static final AtomicLong npes = new AtomicLong();
    static final AtomicLong overflows = new AtomicLong();
    static final AtomicLong ticks = new AtomicLong();
    static final AtomicLong garbage = new AtomicLong();

    /** b.v is an implicit null check once JIT-compiled: a null faults. */
    static long sum(Box[] boxes) {
        long s = 0;
        for (int i = 0; i < boxes.length; i++) {
            try {
                s += boxes[i].v;
            } catch (NullPointerException e) {
                npes.incrementAndGet();
            }
        }
        return s;
    }

    static int depth;

    static void recurse() {
        depth++;
        recurse();
    }

    /** One StackOverflowError on the calling thread, caught. */
    static void overflow() {
        depth = 0;
        try {
            recurse();
        } catch (StackOverflowError e) {
            overflows.incrementAndGet();
        }
    }

    static void faulter(int id) {
        Box[] boxes = new Box[4096];
        for (int i = 0; i < boxes.length; i++)
            boxes[i] = (i % 512 == 511) ? null : new Box(i ^ id);
        long s = 0;
        while (!stop) {
            s += sum(boxes);
            List<int[]> junk = new ArrayList<>();
            for (int i = 0; i < 256; i++)
                junk.add(new int[64 + (i & 63)]);
            garbage.addAndGet(junk.size());
        }
        if (s == 42)
            System.out.print("");
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(ticks::incrementAndGet, 2, 2, TimeUnit.MILLISECONDS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            final int id = t;
            Thread th = new Thread(() -> faulter(id), "faulter-" + t);
            th.start();
            threads.add(th);
        }
        Thread overflower = new Thread(() -> {
            for (int i = 0; i < 3; i++)
                overflow();
        }, "overflower");
        overflower.start();
        overflower.join();
        long threadOverflows = overflows.get();
        for (int i = 0; i < 3; i++)
            overflow();
        long mainOverflows = overflows.get() - threadOverflows;

        long end = System.nanoTime() + (long) (seconds * 1e9);
        int gcs = 0, dumps = 0;
        while (System.nanoTime() < end) {
            System.gc();
            gcs++;
            dumps += Thread.getAllStackTraces().size() > 0 ? 1 : 0;
            Thread.sleep(20);
        }
        stop = true;
        for (Thread th : threads)
            th.join();
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        System.out.printf("java: null checks caught %d, stack overflows %d main + %d thread, "
                + "System.gc %d, thread dumps %d, timer ticks %d, garbage arrays %d%n",
                npes.get(), mainOverflows, threadOverflows, gcs, dumps, ticks.get(), garbage.get());
        boolean ok = npes.get() > 0 && mainOverflows == 3 && threadOverflows == 3 && gcs > 0
                && ticks.get() > 0;
        System.exit(ok ? 0 : 1);
    }
}
