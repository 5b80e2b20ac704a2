/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tracer_signalled (red team round 42): srop_tracer_cover's supervisor, which only passes
 * signals on, and a handler that makes it stop the thread: the handler sends its own thread a
 * signal it blocks (SIGUSR1, its own: pending, never a stop) and one that stops it at once
 * (SIGWINCH, ignored, but queued for a traced thread), then the frame is redirected.
 *
 * Why: `tracer` counted every signal generated for a traced thread as a stop in which its tracer
 * could have edited the frame. Anyone who may signal the process makes such stops, and a tracer
 * that only passes signals on edits nothing in them: only a signal the tracer sends itself, or
 * a trap of the thread's own code (a breakpoint, a step), is a stop of the tracer's doing.
 *
 * Expected from sigscope: tampered_context (high, unexplained); killed under --enforce.
 */
#define TRACER_NAME	   "srop_tracer_signalled"
#define TRACER_SIGNAL_SELF 1
#include "srop_tracer_cover.c"
