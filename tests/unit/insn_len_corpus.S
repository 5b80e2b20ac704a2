/*
 * Rare encodings for the insn_len cross-check (tests/unit/test_insn_len.c): assembled for both
 * modes (cc -m64 / -m32 -c), objdump says where each instruction ends.
 */
	.text
#ifdef __x86_64__
	/* Immediates and offsets whose size depends on 66, 67 and REX.W. */
	movabs $0x1122334455667788, %rax
	movabs $0x1122334455667788, %r9
	mov $0x12345678, %eax
	mov $0x1234, %ax
	movabs 0x1122334455667788, %al
	movabs 0x1122334455667788, %eax
	movabs %rax, 0x1122334455667788
	addr32 mov 0x11223344, %eax
	addw $0x1234, %ax
	addq $0x12345678, %rax
	adc $0x12, %al
	push $0x12
	push $0x12345678
	pushw $0x1234
	imul $5, %eax, %ebx
	imul $500, %eax, %ebx
	imul $500, %ax, %bx
	/* ModRM, SIB, displacements. */
	mov 0x100(%rip), %eax
	mov 0x12345678(,%rax,4), %eax
	mov 0x12345678, %eax
	mov 8(%rbp), %eax
	mov 8(%r13), %eax
	mov (%r13), %eax
	mov (%rsp), %eax
	mov 0x1000(%r12,%r15,8), %r8
	addr32 mov (%eax), %eax
	addr32 mov 0x10(%esp), %eax
	lea 0x12(%rip), %rdi
	/* Group opcodes: only TEST in f6/f7 has an immediate. */
	testb $1, (%rax)
	testb $1, 0x100(%rip)
	testl $0x12345678, 8(%rsp)
	testw $0x1234, (%rax)
	testq $0x7fffffff, (%rax)
	notl (%rax)
	negb %al
	mulq %rcx
	divl %ecx
	idivq 0x10(%rax)
	incl (%rax)
	decb 0x10(%rip)
	call *%rax
	call *0x10(%rip)
	jmp *(%rax,%rcx,8)
	pushq (%rax)
	/* Control flow. */
	enter $16, $0
	enter $0x1234, $3
	leave
	ret $8
	lretl $8
	lretl
	int $0x80
	int3
	int1
	ud2
	ud1 %eax, %ecx
	ud1 0x10(%rax), %ecx
	ud0 %eax, %ecx
1:	jz 1b
	jz 2f
	.fill 200, 1, 0x90
2:	loop 2b
	jrcxz 2b
	jmp 2b
	call 2b
	xbegin 2b
	xabort $1
	xend
	iretq
	hlt
	/* x87. */
	fld1
	fldl 8(%rsp)
	fstps (%rax)
	fnstcw 2(%rsp)
	fwait
	fistpll 0x100(%rip)
	fxch %st(3)
	faddp
	fldt (%rax)
	fnstsw %ax
	/* SSE family and the 0f 38 / 0f 3a maps. */
	movdqa %xmm1, %xmm0
	movdqa 0x10(%rip), %xmm8
	pshufd $1, %xmm1, %xmm0
	psrldq $4, %xmm1
	psllq $4, %xmm9
	palignr $4, %xmm1, %xmm0
	pshufb %xmm1, %xmm0
	pcmpistri $0, (%rax), %xmm0
	crc32b %al, %ecx
	crc32q (%rax), %rcx
	movbe (%rax), %ecx
	popcnt %eax, %ecx
	lzcnt %eax, %ecx
	tzcnt %rax, %rcx
	roundsd $4, %xmm1, %xmm0
	pinsrq $1, %rax, %xmm0
	pextrq $1, %xmm0, 0x10(%rsp)
	shufps $1, %xmm1, %xmm0
	cmpps $1, %xmm1, %xmm0
	pinsrw $1, %eax, %xmm0
	pextrw $1, %xmm0, %eax
	extrq $1, $2, %xmm0
	insertq $1, $2, %xmm1, %xmm0
	extrq %xmm1, %xmm0
	insertq %xmm1, %xmm0
	vmread %rax, (%rbx)
	vmwrite (%rbx), %rax
	aesenc %xmm1, %xmm0
	aeskeygenassist $1, %xmm1, %xmm0
	pclmulqdq $0x11, %xmm1, %xmm0
	sha256rnds2 %xmm0, %xmm1, %xmm2
	sha1rnds4 $3, %xmm1, %xmm2
	movq %xmm0, %rax
	movnti %eax, (%rbx)
	cvtsi2sdq %rax, %xmm0
	/* VEX (c5, c4 maps 1-3), VSIB. */
	vzeroupper
	vzeroall
	vmovdqu (%rax), %ymm0
	vmovdqu 0x100(%rip), %ymm12
	vpalignr $3, %ymm1, %ymm2, %ymm3
	vpshufd $1, %ymm1, %ymm0
	vpsrlq $3, %ymm1, %ymm2
	vpermq $1, %ymm1, %ymm2
	vfmadd231ps %ymm1, %ymm2, %ymm3
	vpgatherdd %ymm1, (%rax,%ymm2,4), %ymm3
	vgatherqpd %ymm1, 8(%rax,%ymm2,8), %ymm3
	vpcmpistri $0, (%rax), %xmm0
	vcmpps $1, %ymm1, %ymm2, %ymm3
	vpextrw $1, %xmm0, %eax
	vpinsrq $1, %rax, %xmm1, %xmm2
	andn %eax, %ebx, %ecx
	bextr %eax, %ebx, %ecx
	rorx $3, %rax, %rbx
	shlx %rax, %rbx, %rcx
	kmovw %k1, %eax
	kandw %k1, %k2, %k3
	/* EVEX (maps 1-3, FP16 maps 5 and 6). */
	vmovaps 64(%rax), %zmm1
	vmovaps 0x1000(%rax), %zmm1
	vpternlogd $0x96, %zmm1, %zmm2, %zmm3
	vpcmpd $1, %zmm1, %zmm2, %k1
	vaddps (%rax){1to16}, %zmm2, %zmm3
	vgatherdps 4(%rax,%zmm1,4), %zmm2{%k1}
	vpshufd $1, %zmm1, %zmm2
	vcmpps $1, %zmm1, %zmm2, %k2
	valignq $2, %zmm1, %zmm2, %zmm3
	vaddph %zmm1, %zmm2, %zmm3
	vfmadd132ph 0x40(%rax), %zmm2, %zmm3
	vcvtph2psx %ymm1, %zmm2
	vmovdqu8 %zmm1, %zmm2{%k1}{z}
	/* XOP (maps 8, 9, 0a) and 3DNow!. */
	vprotd $1, %xmm1, %xmm2
	vprotd %xmm1, %xmm2, %xmm3
	vpcmov %xmm1, %xmm2, %xmm3, %xmm4
	vfrczps %xmm1, %xmm2
	vpcomb $1, %xmm1, %xmm2, %xmm3
	vpperm (%rax), %xmm2, %xmm3, %xmm4
	bextr $0x1234, %eax, %ebx
	lwpins $0x12345678, %eax, %ebx
	blcfill %eax, %ebx
	pfadd %mm1, %mm0
	pi2fd 8(%rax), %mm0
	pfrcp %mm1, %mm2
	femms
	prefetch (%rax)
	prefetchw (%rax)
	/* System and misc. */
	syscall
	sysenter
	rdtsc
	rdtscp
	cpuid
	rdrand %eax
	rdseed %rax
	xgetbv
	endbr64
	lfence
	mfence
	clflush (%rax)
	prefetchnta (%rax)
	mov %cr3, %rax
	mov %rax, %cr0
	mov %cr8, %rax
	mov %dr7, %rax
	lock cmpxchg %ecx, (%rbx)
	lock cmpxchg16b (%rax)
	rep movsb
	repne scasb
	mov %fs:0x28, %rax
	mov %gs:0, %rax
	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
	nopl 0x0(%rax)
	bswap %eax
	bswap %r12
	xchg %eax, %ebx
	in $0x60, %al
	out %al, $0x80
	in %dx, %eax
	pushf
	sahf
	cqto
	movsxd %eax, %rbx
	movzbl %al, %ecx
	sete %al
	cmovne %eax, %ebx
	shld $3, %eax, %ebx
	shrd %cl, %eax, %ebx
	bt $3, %eax
	btsq $63, (%rax)
	rol $3, %eax
	shr %eax
	sar %cl, %eax
	xlat
	cmc
	lgdt (%rax)
	invlpg (%rax)
	swapgs
	wrmsr
	.byte 0x0f, 0x1e, 0xfa
	.byte 0x66, 0x67, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36, 0xf0, 0x48, 0x81, 0x84, 0x24, 1, 2, 3, 4, 5, 6, 7, 8
#else
	/* ia32: 16-bit addressing through 67. */
	mov (%bx,%si), %eax
	mov 0x12(%bp,%di), %eax
	mov 0x1234(%bx), %ax
	mov 0x1234(%bp), %eax
	addr16 mov 0x1234, %eax
	lea (%si), %eax
	movl $0x12345678, (%bx)
	movw $0x1234, 0x10(%bp,%si)
	testl $0x12345678, (%di)
	mov 0x12345678, %eax
	mov %al, 0x12345678
	mov 0x12345678(,%eax,4), %eax
	mov (%esp), %eax
	mov 8(%ebp), %eax
	mov 0x12345678, %ecx
	/* Far pointers and legacy opcodes gone from long mode. */
	ljmp $0x10, $0x12345678
	lcall $0x10, $0x12345678
	ljmpw $0x10, $0x1234
	lcallw $0x10, $0x1234
	les (%eax), %ecx
	lds 4(%ebx), %edx
	les 0x12345678, %eax
	bound %eax, (%ebx)
	bound %ax, 0x10(%ecx)
	aam
	aad $5
	daa
	das
	aaa
	aas
	pusha
	popa
	push %es
	pop %es
	push %cs
	push %ss
	pop %ss
	push %ds
	pop %ds
	into
	inc %eax
	dec %edi
	.byte 0xd6
	.byte 0x82, 0xc0, 0x01
	arpl %ax, (%ebx)
	/* Immediates. */
	push $0x12
	push $0x12345678
	pushw $0x1234
	mov $0x1234, %ax
	enter $16, $1
	ret $8
	lretl $4
	int $0x80
	call 3f
	jmp 3f
	jz 3f
	.fill 200, 1, 0x90
3:	jz 3b
	loop 3b
	jecxz 3b
	testb $1, (%eax)
	testw $0x1234, (%eax)
	notl (%eax)
	/* VEX and EVEX in 32-bit mode: ModRM-like byte with mod 11. */
	vmovdqa %xmm1, %xmm0
	vmovdqu (%eax), %ymm0
	vpalignr $3, %ymm1, %ymm2, %ymm3
	vpermq $1, %ymm1, %ymm2
	vzeroupper
	vaddps %zmm1, %zmm2, %zmm3
	vaddps 0x40(%eax), %zmm2, %zmm3
	vpternlogd $0x96, %zmm1, %zmm2, %zmm3
	vprotd $1, %xmm1, %xmm2
	bextr $0x1234, %eax, %ebx
	pfadd %mm1, %mm0
	/* x87, SSE, system. */
	fldl 8(%esp)
	fnstcw 2(%esp)
	fwait
	movdqa %xmm1, %xmm0
	pshufd $1, %xmm1, %xmm0
	palignr $4, %xmm1, %xmm0
	crc32b %al, %ecx
	extrq $1, $2, %xmm0
	mov %cr3, %eax
	mov %eax, %cr0
	sysenter
	rdtsc
	lock cmpxchg8b (%eax)
	rep stosl
	mov %gs:0x14, %eax
	mov %fs:0x0, %eax
	.byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
	endbr32
	ud2
	iret
	.byte 0x66, 0x67, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36, 0xf0, 0x81, 0x84, 0x24, 1, 2, 3, 4, 5, 6
#endif
	.section .note.GNU-stack, "", @progbits
