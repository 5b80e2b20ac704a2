# gdb-edit workload (tests/realworld/run_realworld.py): stops edit at a breakpoint in its SIGUSR1
# handler, selects the interrupted frame (frame 0 the handler, 1 the signal trampoline, 2 kill(),
# which work() called) and sets rbx, where work() keeps its loop counter: gdb writes it into the
# signal frame, and the kernel restores it from there.
set pagination off
set confirm off
set height 0
handle SIGUSR1 nostop noprint pass
break on_usr1
run
frame 2
printf "gdb: work's rbx was %d\n", $rbx
set var $rbx = 99999990
delete
continue
