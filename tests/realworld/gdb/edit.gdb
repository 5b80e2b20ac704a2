# gdb-edit workload (tests/realworld/run_realworld.py): stops edit in its SIGUSR1 handler, selects
# work()'s frame (frame 0 the handler, 1 the signal trampoline, 2 work) and sets its loop counter,
# which lives in rbx: gdb writes it into the signal frame, and the kernel restores it from there.
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
