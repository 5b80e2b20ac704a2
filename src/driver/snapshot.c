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

/* Is tgid a 64-bit process (an ELFCLASS64 executable)? Only its frames are x86_64 rt frames. */
static int process_is_64bit(__u32 tgid)
{
	char path[64];
	unsigned char ident[5];
	int fd, ok;

	snprintf(path, sizeof(path), "/proc/%u/exe", tgid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ok = read(fd, ident, sizeof(ident)) == (ssize_t)sizeof(ident) &&
	     memcmp(ident, "\177ELF", 4) == 0 && ident[4] == 2 /* ELFCLASS64 */;
	close(fd);
	return ok;
}

/* Records the frames in one thread's window; 0, or -1 when it could not be read whole or the
 * frame map is full (the thread then has no excuse). */
static int snapshot_thread(struct run *r, __u32 tid, struct sigscope_attach_thread *t,
			   unsigned char *buf)
{
	int frames_fd = bpf_map__fd(r->skel->maps.attach_frames);
	size_t len = t->hi > t->lo ? t->hi - t->lo : 0;
	struct iovec local = {.iov_base = buf, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)t->lo, .iov_len = len};
	size_t found[SIGSCOPE_SNAPSHOT_THREAD_FRAMES], n = 0;

	if (!len || len > SIGSCOPE_SNAPSHOT_ALT_MAX || !process_is_64bit(t->tgid))
		return -1;
	if (process_vm_readv((pid_t)t->tgid, &local, 1, &remote, 1, 0) != (ssize_t)len)
		return -1;
	/* Frames sit at 8-byte aligned addresses (16-aligned, minus the return address). Recorded
	 * only once the whole window is known to hold few enough look-alikes. */
	for (size_t off = (8 - t->lo % 8) % 8; off + RT64_SIZE <= len; off += 8) {
		if (!sigscope_looks_like_rt64_frame(buf + off))
			continue;
		if (n == SIGSCOPE_SNAPSHOT_THREAD_FRAMES)
			return -1;
		found[n++] = off;
	}
	for (size_t i = 0; i < n; i++) {
		struct sigscope_attach_frame_key key = {.tid = tid, .frame = t->lo + found[i]};
		struct sigscope_attach_frame f;

		sigscope_frame_regs(SIGSCOPE_FRAME_RT64, buf + found[i], f.regs);
		memcpy(&f.ss_sp, buf + found[i] + RT64_SS_SP, sizeof(f.ss_sp));
		memcpy(&f.ss_size, buf + found[i] + RT64_SS_SIZE, sizeof(f.ss_size));
		if (bpf_map_update_elem(frames_fd, &key, &f, BPF_ANY) != 0)
			return -1;
		r->snapshot_frames++;
	}
	t->frames = (__u32)n;
	return 0;
}

/* At most this much memory is read in all: a machine with 10,000 threads at 64 KiB each reads
 * 640 MiB, seconds of start-up; the threads past it have no excuse (counted). */
#define SNAPSHOT_BUDGET (256ULL << 20)

void snapshot_frames(struct run *r)
{
	int threads_fd = bpf_map__fd(r->skel->maps.attach_threads);
	unsigned char *buf = malloc(SIGSCOPE_SNAPSHOT_ALT_MAX);
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
		if (spent > SNAPSHOT_BUDGET || snapshot_thread(r, tid, &t, buf) != 0) {
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
