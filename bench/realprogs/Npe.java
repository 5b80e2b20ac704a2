// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bench/run.sh's JVM workload: a fixed number of NullPointerExceptions from JIT-compiled code.
// HotSpot compiles a null check into the load itself: a null receiver faults (SIGSEGV) and the
// JVM's handler turns the fault into the exception. Run with -XX:TieredStopAtLevel=1 (C1 keeps
// those implicit checks; C2 would recompile the hot throw into an explicit test), caught here.
//
// Usage: java -XX:TieredStopAtLevel=1 -cp DIR Npe [THROWS]   (default 200000)
// Prints: jvm npes=N elapsed_ns=E start_ns=S cpu_us=U sum=X (bench/bench_common.h's fields)
import java.lang.management.ManagementFactory;
import java.time.Instant;

public class Npe {
    static final class Box {
        int v;
        Box(int v) { this.v = v; }
    }

    static int read(Box b) {
        return b.v; // the implicit null check: a fault when b is null
    }

    public static void main(String[] args) {
        Instant start = Instant.now();
        long startNs = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        long n = args.length > 0 ? Long.parseLong(args[0]) : 200000;
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Box[] boxes = { new Box(1), new Box(2), new Box(3), null };
        long t0 = System.nanoTime();
        long npes = 0, sum = 0;
        for (long i = 0; npes < n; i++) {
            try {
                sum += read(boxes[(int) (i & 3)]);
            } catch (NullPointerException e) {
                npes++;
            }
        }
        long t1 = System.nanoTime();
        long cpuUs = os.getProcessCpuTime() / 1000; // the whole process, as bench_common.h
        System.out.println("jvm npes=" + npes + " elapsed_ns=" + (t1 - t0) + " start_ns=" + startNs
            + " cpu_us=" + cpuUs + " sum=" + sum);
    }
}
