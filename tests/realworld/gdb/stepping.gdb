# gdb workload (tests/realworld/run_realworld.py): single-steps whole handlers of target, from
# their first instruction through glibc's __restore_rt and over its rt_sigreturn `syscall`
# (the kernel then restores the frame while the thread is single-stepped), three SIGUSR1
# handlers that return as delivered and three SIGSEGV handlers that moved rip past the fault;
# then runs the program to its end with the signals passed.
set pagination off
set confirm off
set height 0
set print thread-events off
handle SIGUSR1 nostop noprint pass
handle SIGSEGV nostop noprint pass
handle SIGALRM nostop noprint pass
set $steps = 0
set $walks = 0
break ready
run
break on_usr1
while $walks < 3
  continue
  while $pc != restorer_syscall
    stepi
    set $steps = $steps + 1
  end
  stepi
  set $walks = $walks + 1
end
delete
break on_segv
while $walks < 6
  continue
  while $pc != restorer_syscall
    stepi
    set $steps = $steps + 1
  end
  stepi
  set $walks = $walks + 1
end
delete
continue
printf "gdb: handlers single-stepped %d (%d instructions), each through rt_sigreturn\n", $walks, $steps
