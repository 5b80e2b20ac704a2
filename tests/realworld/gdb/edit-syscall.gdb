# gdb-edit-syscall workload (tests/realworld/run_realworld.py): as edit.gdb, but stopped at the
# entry of the handler's getppid (`catch syscall`: a ptrace syscall stop, no signal), where gdb
# sets rbx of the interrupted frame in the signal frame (red team round 37: killed).
set pagination off
set confirm off
set height 0
handle SIGUSR1 nostop noprint pass
catch syscall getppid
run
frame 2
printf "gdb: work's rbx was %d\n", $rbx
set var $rbx = 99999990
delete
continue
