# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# The Ruby (MRI) workload of tests/realworld/run_realworld.py:  ruby realworld.rb [SECONDS]
# What CRuby does with signals:
#   - stack overflow: unbounded recursion on the main thread and on another thread raises
#     SystemStackError (caught), from VM stack checks and, when the machine stack runs out
#     first, from the SIGSEGV handler on Ruby's sigaltstack;
#   - faults: Ruby code cannot take a memory fault and live, so the faults here are
#     ZeroDivisionError and NoMethodError (no signal: checks) and SIGSEGV only via the
#     overflows above;
#   - GC: garbage and GC.start (GC.compact too);
#   - timers and preemption: SIGALRM 500 times a second (Process.setitimer is not in core: a
#     thread sends it with Process.kill to a Signal.trap handler), busy threads sharing the
#     GVL, and a thread blocked in sleep woken with Thread#wakeup (the VM interrupts the
#     blocking system call by signalling that thread: its "unblocking function").
# Prints "ruby: ..." with the counts, exits 0 when each is what it must be.

seconds = (ARGV[0] || 3).to_f
counts = Hash.new(0)
lock = Mutex.new
bump = ->(k, n = 1) { lock.synchronize { counts[k] += n } }

def recurse(n)
  recurse(n + 1) + 1
end

def overflow
  recurse(0)
  false
rescue SystemStackError
  true
end

3.times { bump.(:overflows_main) if overflow }
Thread.new { 3.times { bump.(:overflows_thread) if overflow } }.join

Signal.trap("ALRM") { counts[:alarms] += 1 }
Signal.trap("USR1") { counts[:usr1] += 1 }
stop = false
ticker = Thread.new do
  until stop
    Process.kill("ALRM", Process.pid)
    sleep 0.002
  end
end
workers = 2.times.map do
  Thread.new do
    until stop
      begin
        1 / 0
      rescue ZeroDivisionError
        bump.(:faults)
      end
      Array.new(2000) { |i| "x" * (i & 63) }
      bump.(:garbage, 2000)
    end
  end
end
spinner = Thread.new do
  x = 1
  x = (x * 6364136223846793005 + 1442695040888963407) & 0xffffffffffffffff until stop
  x
end
sleeper = Thread.new do
  until stop
    sleep 10
    bump.(:wakeups)
  end
end

deadline = Time.now + seconds
gcs = 0
while Time.now < deadline
  GC.start
  gcs += 1
  sleeper.wakeup
  Process.kill("USR1", Process.pid)
  sleep 0.02
end
stop = true
sleeper.wakeup
[ticker, spinner, sleeper, *workers].each(&:join)
GC.compact if GC.respond_to?(:compact)

puts format("ruby: stack overflows %d main + %d thread, faults caught %d, GC %d, " \
            "SIGALRM %d, SIGUSR1 %d, wakeups %d, garbage %d",
            counts[:overflows_main], counts[:overflows_thread], counts[:faults], gcs,
            counts[:alarms], counts[:usr1], counts[:wakeups],
            counts[:garbage])
ok = counts[:overflows_main] == 3 && counts[:overflows_thread] == 3 && counts[:faults] > 0 &&
     gcs > 0 && counts[:alarms] > 0 && counts[:usr1] > 0 && counts[:wakeups] > 0
exit(ok ? 0 : 1)
