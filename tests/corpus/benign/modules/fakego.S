/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fakego: the smallest file sigscope reads as a Go module (red team round 32, idea 3): a
 * .go.buildinfo section and the five runtime entries sigscope registers for Go (each an
 * inject_targets entry). Lives 30 ms, long enough for sigscope to read /proc/PID/exe, then exits.
 * module_flood.py runs thousands of copies of it: distinct files, distinct modules.
 */
	.section .go.buildinfo,"aw"
	.ascii "\377 Go buildinf:"
	.text
	.globl _start
_start:	mov $35, %eax		/* nanosleep(30 ms) */
	lea ts(%rip), %rdi
	xor %esi, %esi
	syscall
	mov $60, %eax		/* exit(0) */
	xor %edi, %edi
	syscall
	.p2align 4
	.globl runtime.asyncPreempt
	.type runtime.asyncPreempt, @function
runtime.asyncPreempt: ret
	.p2align 4
	.globl runtime.sigpanic0
	.type runtime.sigpanic0, @function
runtime.sigpanic0: ret
	.p2align 4
	.globl runtime.sigpanic
	.type runtime.sigpanic, @function
runtime.sigpanic: ret
	.p2align 4
	.globl runtime.sigtramp
	.type runtime.sigtramp, @function
runtime.sigtramp: ret
	.p2align 4
	.globl runtime.cgoSigtramp
	.type runtime.cgoSigtramp, @function
runtime.cgoSigtramp: ret
	.section .rodata
	.p2align 3
ts:	.quad 0, 30000000
	.section .note.GNU-stack,"",@progbits
