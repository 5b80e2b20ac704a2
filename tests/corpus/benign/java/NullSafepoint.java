// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// A benign JVM workload for sigscope's corpus (tests/corpus/run_benign.py). HotSpot uses signals
// as part of normal execution and its SIGSEGV handler redirects the interrupted rip:
//
//   - implicit null checks: JIT-compiled code dereferences a field without testing for null; a
//     null faults (SIGSEGV at a low address) and the handler resumes the thread at the method's
//     NullPointerException continuation stub in the code cache. Hot loops here hit a null now
//     and then inside try/catch (one null per 1024 elements keeps the check implicit).
//   - safepoint polls: C2 code polls a per-thread page that the VM protects to bring threads to
//     a safepoint; the fault is redirected to the safepoint stub. Many busy threads plus
//     System.gc() calls and allocation make safepoints constant.
//
// Usage: java NullSafepoint [SECONDS]   (default 5). Prints one summary line and exits 0.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public final class NullSafepoint {
    static final class Box {
        int v;
        Box(int v) { this.v = v; }
    }

    static volatile boolean stop;
    static final AtomicLong npes = new AtomicLong();
    static final AtomicLong sums = new AtomicLong();

    /** The hot loop: b.v is an implicit null check once JIT-compiled. */
    static long sum(Box[] boxes, int rounds) {
        long s = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < boxes.length; i++) {
                try {
                    s += boxes[i].v;
                } catch (NullPointerException e) {
                    npes.incrementAndGet();
                    s ^= r;
                }
            }
        }
        return s;
    }

    /** A second shape: a null receiver in a virtual-looking call chain. */
    static int chase(Box b) {
        return b.v + 1;
    }

    static void nullWorker(int id) {
        Box[] boxes = new Box[4096];
        for (int i = 0; i < boxes.length; i++)
            boxes[i] = (i % 1024 == 1023) ? null : new Box(i ^ id);
        long s = 0;
        int round = 0;
        while (!stop) {
            s += sum(boxes, 64);
            for (int i = 0; i < 2048; i++) {
                try {
                    s += chase(boxes[(i * 31 + round) & 4095]);
                } catch (NullPointerException e) {
                    npes.incrementAndGet();
                }
            }
            round++;
        }
        sums.addAndGet(s);
    }

    /** Busy arithmetic: compiled loops with safepoint polls. */
    static void spinWorker(int id) {
        long x = id + 1;
        while (!stop) {
            for (int i = 0; i < 1_000_000; i++)
                x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sums.addAndGet(x);
    }

    /** Garbage: young collections are safepoints too. */
    static void allocWorker(int id) {
        List<int[]> keep = new ArrayList<>();
        long n = 0;
        while (!stop) {
            keep.add(new int[16 + (int) (n % 256)]);
            if (keep.size() > 20000)
                keep = new ArrayList<>();
            n++;
        }
        sums.addAndGet(n);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int id = i;
            threads.add(new Thread(() -> nullWorker(id), "null-" + i));
        }
        for (int i = 0; i < 4; i++) {
            final int id = i;
            threads.add(new Thread(() -> spinWorker(id), "spin-" + i));
        }
        for (int i = 0; i < 2; i++) {
            final int id = i;
            threads.add(new Thread(() -> allocWorker(id), "alloc-" + i));
        }
        for (Thread t : threads)
            t.start();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int gcs = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(50);
            System.gc();
            gcs++;
        }
        stop = true;
        for (Thread t : threads)
            t.join();
        System.out.println("nullsafepoint seconds=" + seconds + " threads=" + threads.size()
                + " gcs=" + gcs + " npes=" + npes.get());
    }
}
