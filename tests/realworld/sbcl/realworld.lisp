;;;; SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
;;;;
;;;; The SBCL workload of tests/realworld/run_realworld.py:
;;;;   sbcl --noinform --disable-ldb --non-interactive --no-sysinit --no-userinit \
;;;;        --load realworld.lisp --end-toplevel-options [SECONDS]   (default 3)
;;;; Not --script: it implies --lose-on-corruption, which makes control stack exhaustion fatal.
;;;; SBCL's runtime lives on signals:
;;;;   - faults: reads of address 0 (SIGSEGV: a MEMORY-FAULT-ERROR signalled from the handler,
;;;;     which redirects the thread into Lisp), type errors caught by internal-error traps (ud2 /
;;;;     int3: SIGILL or SIGTRAP, the handler moves rip past the trap's data), on the main
;;;;     thread and on others;
;;;;   - control stack exhaustion (the guard page: SIGSEGV, STORAGE-CONDITION), on the main
;;;;     thread and on another thread, caught, several times each (SBCL re-protects the guard page
;;;;     when the stack unwinds past it);
;;;;   - GC: garbage and (sb-ext:gc :full t); the collector stops the world by signalling every
;;;;     thread (SIG_STOP_FOR_GC);
;;;;   - timers: an SB-EXT timer every 2 ms (SIGALRM); preemption: SB-THREAD:INTERRUPT-THREAD on
;;;;     busy threads;
;;;;   - SBCL's own statistical profiler (sb-sprof, SIGPROF every ms) over code it loaded at run
;;;;     time: a sample that lands in a WITHOUT-INTERRUPTS section of that code is deferred and
;;;;     taken through the pending-interrupt trap in SBCL's anonymous code space (red team round
;;;;     11 found it killed);
;;;;   - breakpoints: TRACE with :ENCAPSULATE NIL plants an int3 in the function; each hit backs rip
;;;;     up onto the restored instruction and single-steps it (TF), then puts the int3 back (red
;;;;     team round 39 found it killed).
;;;; Prints "sbcl: ..." with the counts, exits 0 when each is what it must be.

(defvar *seconds* (let ((a (car (last sb-ext:*posix-argv*))))
                    (or (ignore-errors (let ((*read-eval* nil))
                                         (let ((v (read-from-string a)))
                                           (and (realp v) (plusp v) v))))
                        3)))
(defvar *stop* nil)
(defvar *lock* (sb-thread:make-mutex))
(defvar *counts* (list :faults 0 :traps 0 :overflows-main 0 :overflows-thread 0
                       :ticks 0 :interrupts 0 :gcs 0 :garbage 0 :samples 0 :breakpoints 0))

;;; Recursive: the timer and interrupt-thread functions run inside whatever the thread was doing,
;;; bump included.
(defun bump (key &optional (n 1))
  (sb-thread:with-recursive-lock (*lock*) (incf (getf *counts* key) n)))

(defvar *null-address* 0) ; a variable, so the compiler cannot drop or fold the read

(defun fault ()
  "A read of address 0: SIGSEGV, signalled as an error."
  (handler-case (= 42 (sb-sys:sap-ref-8 (sb-sys:int-sap *null-address*) 0))
    (error () (bump :faults) t)))

(defun trap (x)
  "CAR of a non-list in safe code: an internal-error trap."
  (declare (optimize (safety 3) (debug 0)))
  (handler-case (progn (car x) nil)
    (type-error () (bump :traps) t)))

(defun recurse (n)
  (declare (optimize (debug 0) (speed 0)))
  (1+ (recurse (1+ n))))

(defun overflow (key)
  "Control stack exhaustion, caught."
  (handler-case (recurse 0)
    (storage-condition () (bump key) t)))

(defun garbage ()
  (let ((l nil))
    (dotimes (i 2000) (push (make-array (+ 16 (mod i 64))) l))
    (bump :garbage (length l))))

(defun worker ()
  (loop until *stop*
        do (fault) (trap (random 10)) (garbage)))

(defun spinner ()
  (let ((x 1))
    (loop until *stop*
          do (setf x (logand (+ (* x 6364136223846793005) 1442695040888963407)
                             #xffffffffffffffff)))
    x))

(require :sb-sprof)

(defun sqrt-sum (n)
  (let ((s 0d0)) (dotimes (i n) (incf s (sqrt (float i 1d0)))) s))

;; Profiled with sb-sprof: the samples it took.
(defun sample-profile ()
  (sb-sprof:with-profiling (:max-samples 100000 :sample-interval 0.001 :report nil)
    (sqrt-sum 20000000))
  (sb-sprof::samples-trace-count sb-sprof::*samples*))

(defun add1 (x) (+ x 1))

;; 20 calls through SBCL's own breakpoint in ADD1; their sum proves each stepped instruction ran.
(defun breakpoints ()
  (compile 'add1)
  (eval '(trace add1 :encapsulate nil :report nil :condition (progn (bump :breakpoints) t)))
  (let ((sum (loop for i below 20 sum (add1 i))))
    (eval '(untrace add1))
    (unless (= sum 210) (setf (getf *counts* :breakpoints) -1))))

(defun main ()
  (setf (getf *counts* :samples) (sample-profile))
  (breakpoints)
  (dotimes (i 3) (overflow :overflows-main))
  (let ((th (sb-thread:make-thread (lambda () (dotimes (i 3) (overflow :overflows-thread)))
                                   :name "overflower")))
    (sb-thread:join-thread th))
  (let* ((timer (sb-ext:make-timer (lambda () (bump :ticks)) :name "tick"))
         (workers (loop repeat 2 collect (sb-thread:make-thread #'worker :name "worker")))
         (spin (sb-thread:make-thread #'spinner :name "spinner"))
         (end (+ (get-internal-real-time)
                 (* *seconds* internal-time-units-per-second))))
    (sb-ext:schedule-timer timer 0.002 :repeat-interval 0.002)
    (loop while (< (get-internal-real-time) end)
          do (fault) (trap 'x) (garbage)
             (sb-thread:interrupt-thread spin (lambda () (bump :interrupts)))
             (sb-ext:gc :full t) (bump :gcs)
             (sleep 0.02))
    (sb-ext:unschedule-timer timer)
    (setf *stop* t)
    (mapc #'sb-thread:join-thread workers)
    (sb-thread:join-thread spin))
  (format t "sbcl: faults caught ~D, traps caught ~D, control stack exhausted ~D main + ~D thread, ~
             gc ~D, timer ticks ~D, interrupts ~D, garbage arrays ~D, profiler samples ~D, ~
             breakpoints ~D~%"
          (getf *counts* :faults) (getf *counts* :traps) (getf *counts* :overflows-main)
          (getf *counts* :overflows-thread) (getf *counts* :gcs) (getf *counts* :ticks)
          (getf *counts* :interrupts) (getf *counts* :garbage) (getf *counts* :samples)
          (getf *counts* :breakpoints))
  (finish-output)
  (sb-ext:exit :code (if (and (plusp (getf *counts* :faults)) (plusp (getf *counts* :traps))
                              (= 3 (getf *counts* :overflows-main))
                              (= 3 (getf *counts* :overflows-thread))
                              (plusp (getf *counts* :gcs)) (plusp (getf *counts* :ticks))
                              (plusp (getf *counts* :interrupts))
                              (plusp (getf *counts* :samples))
                              (= 20 (getf *counts* :breakpoints)))
                         0 1)
               :abort t))

(main)
