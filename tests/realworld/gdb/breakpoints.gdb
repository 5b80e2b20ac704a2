# gdb workload (tests/realworld/run_realworld.py): breakpoints in every handler of target and
# one on the `syscall` of glibc's __restore_rt, each continued from by its own commands, so
# gdb steps over a breakpoint at every sigreturn; the signals themselves pass to the program.
# `set displaced-stepping off|on` before this script chooses how gdb steps over a breakpoint:
# in line (breakpoint removed, single-step, reinserted) or displaced (the instruction copied to
# a scratch area at the program's entry point and run there; gdb 13's default, "auto", does
# that here). `set debug displaced on` shows each displaced step.
set pagination off
set confirm off
set height 0
set print thread-events off
handle SIGUSR1 nostop noprint pass
handle SIGSEGV nostop noprint pass
handle SIGALRM nostop noprint pass
set $handler_hits = 0
set $restorer_hits = 0
break ready
run
break on_usr1
commands
silent
set $handler_hits = $handler_hits + 1
continue
end
break on_alrm
commands
silent
set $handler_hits = $handler_hits + 1
continue
end
break on_segv
commands
silent
set $handler_hits = $handler_hits + 1
continue
end
break *restorer_syscall
commands
silent
set $restorer_hits = $restorer_hits + 1
continue
end
continue
printf "gdb: handler breakpoint hits %d, restorer syscall breakpoint hits %d\n", $handler_hits, $restorer_hits
