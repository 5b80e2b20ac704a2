/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where an address points in the current task's address space: the VMA's bounds, flags and
 * file. The rules judge a moved rip and rsp by it (rules.bpf.h).
 *
 * bpf_find_vma() only trylocks the mm, so any writer of the mm lock makes it fail: the
 * process's own mprotect/mmap (a JVM's GC threads hold it for write often), or another process
 * of the same user writing /proc/PID/clear_refs. A check that anyone outside the process can
 * make undecidable is a door, so when the lock stays busy this walks the VMA tree (the maple
 * tree) without it, as the kernel's own page-fault path does since 6.4 (lock_vma_under_rcu):
 * the tree's nodes and, from 6.4, the VMAs are freed only after an RCU grace period, and every
 * BPF program here runs inside an RCU read-side section. Nodes freed while we walk are told by
 * their dead mark, and the VMA found must name this mm and the very range the tree gave it.
 *
 * Trust: what the walk returns is the tree as it stood an instant ago. Only the process itself
 * (or its ptracer) changes its mappings' bounds, flags and files; a process that races its own
 * mprotect against its own sigreturn already runs code of its choosing.
 */
#ifndef SIGSCOPE_VMA_BPF_H
#define SIGSCOPE_VMA_BPF_H

#include "sigscope.bpf.h"

#define VM_READ	     0x1ULL
#define VM_WRITE     0x2ULL
#define VM_EXEC	     0x4ULL
#define VM_GROWSDOWN 0x100ULL
#define ENOENT	     2
#define EAGAIN	     11
#define EBUSY	     16
#define EINVAL	     22

/* Tries of the locked lookup before the walk: a short writer (one mprotect) is often gone. */
#define VMA_TRIES 4

/* Set by user space from SIGSCOPE_VMA_WALK_CHECK: after each locked lookup that succeeded,
 * walk too and count disagreements (the tests' proof that the walk reads this kernel's tree). */
const volatile bool vma_walk_check = false;

/* What a lookup saw, kept in the thread's state (thread_state.probe_tmp): a buffer on the stack
 * would pass the verifier's 512-byte limit for the judging call chain. */
static __always_inline void vma_probe_fill(struct vma_probe *p, struct vm_area_struct *vma)
{
	struct file *f = BPF_CORE_READ(vma, vm_file);
	struct inode *inode = f ? BPF_CORE_READ(f, f_inode) : NULL;

	p->start = BPF_CORE_READ(vma, vm_start);
	p->end = BPF_CORE_READ(vma, vm_end);
	p->flags = BPF_CORE_READ(vma, vm_flags);
	p->pgoff = BPF_CORE_READ(vma, vm_pgoff);
	p->ino = inode ? BPF_CORE_READ(inode, i_ino) : 0;
	p->dev = inode ? BPF_CORE_READ(inode, i_sb, s_dev) : 0;
	p->mtime = inode_mtime(inode);
	p->cow = f && BPF_CORE_READ(vma, anon_vma);
	p->seen = 1;
}

static long vma_probe_cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);

	if (!st)
		return 1;
	vma_probe_fill(&st->probe_tmp, vma);
	return 0;
}

/*
 * The maple tree's encoding (include/linux/maple_tree.h, lib/maple_tree.c; the same from 6.1 to
 * 7.x): an encoded node has its type in bits 3-6 and is the node's address with its low 8 bits
 * cleared; the root's entry, when it is a node, is also marked with bit 1. A node is dead (being
 * replaced, RCU-freed soon) when its parent pointer points at itself. Range nodes and leaves hold
 * 15 pivots and 16 slots; the tree of an mm has allocation-range internal nodes with 9 pivots and
 * 10 slots. Slot i covers (pivot[i - 1], pivot[i]]; a VMA is stored over [vm_start, vm_end - 1].
 */
#define MAPLE_NODE_MASK	    255ULL
#define MAPLE_ROOT_NODE	    2 /* the mark on the root's entry; below it, nodes go unmarked */
#define MAPLE_TYPE_SHIFT    3
#define MAPLE_TYPE_MASK	    0xf
#define MAPLE_LEAF_64	    1
#define MAPLE_RANGE_64	    2
#define MAPLE_ARANGE_64	    3
#define MAPLE_RANGE_PIVOTS  15
#define MAPLE_ARANGE_PIVOTS 9
#define MAPLE_LEVELS	    8 /* 16^7 VMAs; a process may have 65,530 (vm.max_map_count) */
#define MAPLE_WALKS	    3 /* walks begun again after meeting a node being replaced */

/* The root entry is a node (not a lone entry) when marked so (xa_is_node()). */
static __always_inline bool maple_root_is_node(__u64 root)
{
	return (root & 3) == MAPLE_ROOT_NODE && root > 4096;
}

/*
 * One node: the slot covering addr and its range, as mtree_range_walk() finds them. Returns 1
 * at a leaf (c->entry is then a VMA or 0), 0 at an inner node, -EAGAIN when the node died under
 * us, -EINVAL for what no tree of an mm holds. Global, so checked once, not at every level; its
 * state lives in the cursor, since its frame sits under the exit program's on a 512-byte stack.
 */
__attribute__((noinline)) int sigscope_maple_descend(struct maple_cursor *c)
{
	struct maple_node *node;
	bool arange;
	__u32 off;

	if (!c || c->entry <= 4096)
		return -EINVAL;
	node = (void *)(c->entry & ~MAPLE_NODE_MASK);
	c->type = (c->entry >> MAPLE_TYPE_SHIFT) & MAPLE_TYPE_MASK;
	arange = c->type == MAPLE_ARANGE_64;
	if (c->type != MAPLE_LEAF_64 && c->type != MAPLE_RANGE_64 && !arange)
		return -EINVAL;
	c->pivots = arange ? (__u64)node->ma64.pivot : (__u64)node->mr64.pivot;
	c->slots = arange ? (__u64)node->ma64.slot : (__u64)node->mr64.slot;
	c->npivots = arange ? MAPLE_ARANGE_PIVOTS : MAPLE_RANGE_PIVOTS;
	/* ma_data_end(): the metadata's end unless the node is full. */
	if (arange) {
		c->end = BPF_CORE_READ(node, ma64.meta.end);
	} else {
		if (bpf_probe_read_kernel(&c->piv, sizeof(c->piv),
					  (void *)(c->pivots + 8 * (c->npivots - 1))))
			return -EINVAL;
		if (!c->piv)
			c->end = BPF_CORE_READ(node, mr64.meta.end);
		else
			c->end = c->piv == c->max ? c->npivots - 1 : c->npivots;
	}
	if (c->end > c->npivots)
		return -EAGAIN; /* a torn read of a node being rewritten */
	c->piv = 0;
	c->prev = 0;
	/* A counter in a register: the verifier bounds the loop by it, not by memory. */
	for (off = 0; off < MAPLE_RANGE_PIVOTS; off++) {
		if (off >= c->end)
			break;
		c->prev = c->piv;
		if (bpf_probe_read_kernel(&c->piv, sizeof(c->piv), (void *)(c->pivots + 8 * off)))
			return -EINVAL;
		if (c->piv >= c->addr)
			break;
	}
	if (off > 0) {
		if (off >= c->end) /* past every pivot read: the last one read is the previous */
			c->prev = c->piv;
		c->min = c->prev + 1;
	}
	if (off < c->end && c->piv)
		c->max = c->piv;
	c->off = off;
	if (bpf_probe_read_kernel(&c->entry, sizeof(c->entry),
				  (void *)(c->slots + 8 * (c->off & 15))))
		return -EINVAL;
	/* Dead: being replaced, its parent pointer pointing at itself (ma_dead_node()). */
	if (bpf_probe_read_kernel(&c->piv, sizeof(c->piv), &node->parent) ||
	    (c->piv & ~MAPLE_NODE_MASK) == (__u64)node)
		return -EAGAIN;
	return c->type == MAPLE_LEAF_64;
}

/*
 * The VMA of c->addr without the mm lock, into p: 0, -ENOENT (unmapped), or an error. Inlined
 * into the lookup and unrolled, its loops bounded without counters: the lookup's frame sits
 * under the exit program's, and 6.1 allows 512 bytes for the chain.
 */
static __always_inline int sigscope_vma_walk(struct vma_probe *p, struct maple_cursor *c)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	int err = -EINVAL;

	p->seen = 0;
#pragma unroll
	for (int walk = 0; walk < MAPLE_WALKS; walk++) {
		mm = bpf_get_current_task_btf()->mm;
		c->entry = (__u64)BPF_CORE_READ(mm, mm_mt.ma_root);
		if (!maple_root_is_node(c->entry))
			return -EINVAL; /* a lone entry at 0: no tree an mm has */
		c->entry &= ~(__u64)MAPLE_ROOT_NODE;
		c->min = 0;
		c->max = ~0ULL;
		err = 0;
#pragma unroll
		for (int level = 0; level < MAPLE_LEVELS; level++) {
			err = sigscope_maple_descend(c);
			if (err)
				break;
		}
		if (err == 0)
			return -EINVAL; /* deeper than any tree of an mm */
		if (err == -EAGAIN)
			continue;
		if (err < 0)
			return err;
		if (!c->entry)
			return c->min <= c->addr && c->addr <= c->max ? -ENOENT : -EINVAL;
		if ((c->entry & 3) == 2)
			return -EINVAL; /* a reserved entry (a fork's unfinished copy): no VMA */
		/* The VMA must be this mm's and hold exactly the range the tree gave it: one freed
		 * and reused since (from 6.12 the slab hands VMAs out again under RCU) does not. */
		vma = (void *)c->entry;
		mm = bpf_get_current_task_btf()->mm;
		if (BPF_CORE_READ(vma, vm_mm) != mm || c->addr < c->min || c->addr > c->max) {
			err = -EAGAIN;
			continue;
		}
		vma_probe_fill(p, vma);
		if (p->start == c->min && p->end == c->max + 1)
			return 0;
		p->seen = 0;
		err = -EAGAIN;
	}
	return err;
}

/* The tests' cross-check: does the walk agree with the locked lookup just made? */
static __always_inline void vma_walk_cross_check(__u64 addr, struct thread_state *st)
{
	const struct vma_probe *locked = &st->probe_tmp;
	struct vma_probe *walked = &st->walk_tmp;
	long err;

	st->walk_cursor.addr = addr;
	err = sigscope_vma_walk(walked, &st->walk_cursor);

	count(SIGSCOPE_CNT_VMA_WALK_CHECKED);
	if (err || walked->start != locked->start || walked->end != locked->end ||
	    walked->flags != locked->flags || walked->ino != locked->ino ||
	    walked->pgoff != locked->pgoff || walked->cow != locked->cow)
		count(SIGSCOPE_CNT_VMA_WALK_MISMATCH);
}

/*
 * Where addr points in the current task's address space; cls SIGSCOPE_MEM_UNKNOWN only when
 * neither the locked lookup nor the walk could answer (or the thread has no state to look up
 * with). Returns 1 when the mm lock was busy (the verdict's `contended`), else 0. Global, not
 * inlined: its loops are checked once on their own.
 */
__attribute__((noinline)) int sigscope_lookup_vma(__u64 addr, struct sigscope_vma_info *out)
{
	struct thread_state *st;
	struct vma_probe *p;
	long err = -EBUSY;
	__u64 vdso;
	int busy;

	if (!out)
		return 0;
	__builtin_memset(out, 0, sizeof(*out));
	st = bpf_task_storage_get(&thread_states, bpf_get_current_task_btf(), 0, 0);
	if (!st)
		return 0;
	p = &st->probe_tmp;
	p->seen = 0;
	for (int i = 0; i < VMA_TRIES && err == -EBUSY; i++)
		err = bpf_find_vma(bpf_get_current_task_btf(), addr, vma_probe_cb, NULL, 0);
	busy = err == -EBUSY;
	if (busy) {
		count(SIGSCOPE_CNT_VMA_BUSY);
		st->walk_cursor.addr = addr;
		err = sigscope_vma_walk(p, &st->walk_cursor);
		if (err == 0 || err == -ENOENT)
			count(SIGSCOPE_CNT_VMA_WALKED);
	} else if (err == 0 && p->seen && vma_walk_check) {
		vma_walk_cross_check(addr, st);
	}
	if (err == -ENOENT) {
		out->cls = SIGSCOPE_MEM_UNMAPPED;
		return busy;
	}
	if (err || !p->seen)
		return busy;
	out->start = p->start;
	out->end = p->end;
	out->growsdown = !!(p->flags & VM_GROWSDOWN);
	out->prot = p->flags & (VM_READ | VM_WRITE | VM_EXEC);
	/* Code some of whose pages were written (copy-on-write) is not the file's code: anonymous,
	 * with no module identity (red team round 4 overwrote Wine's dispatcher in its own copy).
	 */
	if (!p->cow) {
		out->ino = p->ino;
		out->dev = p->dev;
		out->mtime = p->mtime;
	}
	out->pgoff = p->pgoff;
	vdso = (__u64)bpf_get_current_task_btf()->mm->context.vdso;
	if (vdso && p->start == vdso)
		out->cls = SIGSCOPE_MEM_VDSO;
	else if (p->flags & VM_EXEC)
		out->cls = p->ino ? SIGSCOPE_MEM_FILE_EXEC : SIGSCOPE_MEM_ANON_EXEC;
	else
		out->cls = (p->flags & VM_WRITE) ? SIGSCOPE_MEM_WRITABLE : SIGSCOPE_MEM_READONLY;
	return busy;
}

#endif /* SIGSCOPE_VMA_BPF_H */
