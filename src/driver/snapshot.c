/*
 * The attach-time snapshot (src/shared/verdict.h, README "Threat model"): once the delivery hooks
 * are attached and before any sigreturn hook is, read the windows the iterator noted for each
 * older thread in scope (attach_threads) and record every x86_64 rt frame found there with the
 * registers it held (attach_frames). A frame delivered from then on is paired as usual; a frame
 * forged from then on is in no record. So from the first sigreturn judged, an x86_64 frame of an
 * older thread is excused only where the snapshot recorded one, and one of a thread it could not
 * read (gone, a 32-bit process, a map full) has none (rules.bpf.h excuse_preexisting: fail
 * closed). Only ia32 frames, which it does not read, keep sigscope_excusable()'s geometry.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "driver.h"
#include "../shared/frame_regs.h"
#include "../shared/verdict.h"
#include "sigscope.skel.h"

/* Is tid's process a 64-bit one (an ELFCLASS64 executable)? Only its frames are x86_64 rt frames.
 * Asked through the thread itself: its leader may be a zombie (main() ended in pthread_exit()).
 * An executable sigscope may not read (mode 0711 under the unit's capabilities): the cs the thread
 * had at attach says it (0x33, 64-bit code). Red team round 18, FP2 and FP5. */
static int process_is_64bit(__u32 tid, __u32 user_cs)
{
	char path[64];
	unsigned char ident[5];
	int fd, ok;

	snprintf(path, sizeof(path), "/proc/%u/exe", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == EACCES || errno == EPERM ? user_cs == 0x33 : 0;
	ok = read(fd, ident, sizeof(ident)) == (ssize_t)sizeof(ident) &&
	     memcmp(ident, "\177ELF", 4) == 0 && ident[4] == 2 /* ELFCLASS64 */;
	close(fd);
	return ok;
}

/* At most this much memory is read in all: a machine with 10,000 threads at 64 KiB each reads
 * 640 MiB, seconds of start-up; the threads past it have no excuse (counted). */
#define SNAPSHOT_BUDGET (256ULL << 20)

/* The biggest window: an altstack's, plus the 8 bytes below sp (process.bpf.h). */
#define WINDOW_MAX (SIGSCOPE_SNAPSHOT_ALT_MAX + 8)
/* Stacks followed from one thread: the one it was on, and those its frames interrupted. */
#define WINDOWS_MAX 4

/* Records the frames in [lo, hi) of tid's memory; the number found, or -1 when the window could
 * not be read (whole, when whole is set: else as far as it is mapped), holds too many
 * look-alikes, or the frame map is full. *next_sp: the saved rsp of the lowest frame found whose
 * rsp lies outside the window (0: none), the next window. */
static int snapshot_window(struct run *r, __u32 tid, __u64 lo, __u64 hi, int whole,
			   unsigned char *buf, __u64 *next_sp)
{
	ssize_t got;
	int frames_fd = bpf_map__fd(r->skel->maps.attach_frames);
	size_t len = hi > lo ? hi - lo : 0;
	struct iovec local = {.iov_base = buf, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)lo, .iov_len = len};
	size_t found[SIGSCOPE_SNAPSHOT_THREAD_FRAMES], n = 0;

	*next_sp = 0;
	if (!len || len > WINDOW_MAX)
		return -1;
	got = process_vm_readv((pid_t)tid, &local, 1, &remote, 1, 0);
	if (got <= 0 || (whole && got != (ssize_t)len))
		return -1;
	len = (size_t)got;
	hi = lo + len;
	/* Frames sit at 8-byte aligned addresses (16-aligned, minus the return address). Recorded
	 * only once the whole window is known to hold few enough look-alikes. */
	for (size_t off = (8 - lo % 8) % 8; off + RT64_SIZE <= len; off += 8) {
		if (!sigscope_looks_like_rt64_frame(buf + off))
			continue;
		if (n == SIGSCOPE_SNAPSHOT_THREAD_FRAMES)
			return -1;
		found[n++] = off;
	}
	for (size_t i = 0; i < n; i++) {
		struct sigscope_attach_frame_key key = {.tid = tid, .frame = lo + found[i]};
		struct sigscope_attach_frame f;
		__u64 rsp;

		sigscope_frame_regs(SIGSCOPE_FRAME_RT64, buf + found[i], f.regs);
		memcpy(&f.ss_sp, buf + found[i] + RT64_SS_SP, sizeof(f.ss_sp));
		memcpy(&f.ss_size, buf + found[i] + RT64_SS_SIZE, sizeof(f.ss_size));
		if (bpf_map_update_elem(frames_fd, &key, &f, BPF_ANY) != 0)
			return -1;
		r->snapshot_frames++;
		rsp = f.regs[SIGSCOPE_REG_RSP];
		if ((rsp < lo || rsp >= hi) && (!*next_sp || lo + found[i] < *next_sp))
			*next_sp = rsp;
	}
	return (int)n;
}

/*
 * Records the frames of one thread: its window (from sp on the stack it was on), then the stack
 * its lowest frame there interrupted when that lies elsewhere (a handler on the altstack that
 * interrupted a handler on the thread's stack: red team round 18, FP6), and so on, WINDOWS_MAX
 * stacks at most. 0, or -1 when the first window could not be read (the thread has no excuse);
 * a later window that cannot be read leaves its frames unexcused.
 */
static int snapshot_thread(struct run *r, __u32 tid, struct sigscope_attach_thread *t,
			   unsigned char *buf, uint64_t *spent)
{
	__u64 lo = t->lo, hi = t->hi, next;
	int n;

	if (!process_is_64bit(tid, t->user_cs))
		return -1;
	n = snapshot_window(r, tid, lo, hi, 1, buf, &next);
	if (n < 0)
		return -1;
	t->frames = (__u32)n;
	for (int w = 1;
	     w < WINDOWS_MAX && next && *spent + SIGSCOPE_SNAPSHOT_REACH <= SNAPSHOT_BUDGET; w++) {
		lo = next - 8;
		hi = next + SIGSCOPE_SNAPSHOT_REACH;
		*spent += SIGSCOPE_SNAPSHOT_REACH;
		n = snapshot_window(r, tid, lo, hi, 0, buf, &next);
		if (n < 0)
			break;
		t->frames += (__u32)n;
	}
	return 0;
}

void snapshot_frames(struct run *r)
{
	int threads_fd = bpf_map__fd(r->skel->maps.attach_threads);
	unsigned char *buf = malloc(WINDOW_MAX);
	__u32 tid, next, *prev = NULL;
	uint64_t spent = 0;

	if (!buf) { /* no snapshot: snapshot_done stays 0, older threads keep the old excuse */
		r->snapshot_unread++;
		return;
	}
	while (bpf_map_get_next_key(threads_fd, prev, &next) == 0) {
		struct sigscope_attach_thread t;

		tid = next;
		prev = &tid;
		if (bpf_map_lookup_elem(threads_fd, &tid, &t) != 0)
			continue;
		spent += t.hi > t.lo ? t.hi - t.lo : 0;
		if (spent > SNAPSHOT_BUDGET || snapshot_thread(r, tid, &t, buf, &spent) != 0) {
			r->snapshot_unread++;
			continue;
		}
		t.scanned = 1;
		if (bpf_map_update_elem(threads_fd, &tid, &t, BPF_EXIST) != 0)
			r->snapshot_unread++;
	}
	free(buf);
	r->skel->bss->snapshot_done = 1;
}
