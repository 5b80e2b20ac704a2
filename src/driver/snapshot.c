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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "driver.h"
#include "../shared/frame_regs.h"
#include "../shared/fpstate.h"
#include "../shared/verdict.h"
#include "sigscope.skel.h"

/*
 * The reader runs in a thread of its own, holding the lock but while it reads a process's memory:
 * a page that never comes in (a userfaultfd or FUSE page the process serves itself) stalls
 * process_vm_readv() for as long as the process likes, and the sigreturn hooks attach only once
 * the snapshot is done (red team round 14's srop_park_inflight parks its sigreturn there). After
 * SNAPSHOT_DEADLINE_MS sigscope gives up on it: every older thread not read by then has no excuse
 * (fail closed), and the reader, whenever its read returns, finds it abandoned and records nothing.
 */
#define SNAPSHOT_DEADLINE_MS 2000

struct snapshot_job {
	struct run *r;
	pthread_mutex_t lock;
	pthread_cond_t done_cond;
	int done, abandoned;
	uint64_t frames, unread; /* the reader's counts, taken by the caller when it is done */
};

/* process_vm_readv() without the lock (it may wait for as long as the process likes); 0 when the
 * job was abandoned meanwhile (read nothing). */
static ssize_t read_unlocked(struct snapshot_job *job, pid_t tid, struct iovec *local,
			     struct iovec *remote)
{
	ssize_t got;

	pthread_mutex_unlock(&job->lock);
	got = process_vm_readv(tid, local, 1, remote, 1, 0);
	pthread_mutex_lock(&job->lock);
	return job->abandoned ? 0 : got;
}

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

#define FP_XSTATE_MAGIC1 0x46505853U /* fpx_sw_bytes.magic1: an xsave area follows */
#define FPX_SW_BYTES	 464	     /* where the kernel puts them in the FXSAVE area */

/*
 * A recorded frame's FP area, hashed as the kernel side hashes it (fpstate.h), when it lies in
 * the window read (it sits right above the frame). Its length is what the kernel wrote there
 * (fpx_sw_bytes.extended_size, or the FXSAVE area alone), as the frame held it at attach like
 * every register recorded. Not in the window: fp_len 0, the sigreturn's area judged changed.
 */
static void snapshot_fp_area(const struct run *r, const unsigned char *buf, __u64 lo, __u64 hi,
			     const unsigned char *frame, struct sigscope_attach_frame *f)
{
	__u32 magic1, ext = 512;
	__u64 area;

	f->fp_len = 0;
	f->fp_hash = 0;
	memcpy(&area, frame + RT64_MCONTEXT + SC64_FPSTATE, sizeof(area));
	f->fp_area = area;
	if (area < lo || area >= hi || hi - area < 512)
		return;
	memcpy(&magic1, buf + (area - lo) + FPX_SW_BYTES, sizeof(magic1));
	if (magic1 == FP_XSTATE_MAGIC1)
		memcpy(&ext, buf + (area - lo) + FPX_SW_BYTES + 4, sizeof(ext));
	ext = sigscope_fp_len(ext);
	if (ext < 512 || hi - area < ext)
		return;
	f->fp_len = ext;
	f->fp_hash =
	    sigscope_fp_hash(buf + (area - lo), ext, (const __u64 *)r->skel->rodata->fp_key);
}

/* Records the frames in [lo, hi) of tid's memory; the number found, or -1 when the window could
 * not be read (whole, when whole is set: else as far as it is mapped), holds too many
 * look-alikes, or the frame map is full. *next_sp: the saved rsp of the lowest frame found whose
 * rsp lies outside the window (0: none), the next window. */
static int snapshot_window(struct snapshot_job *job, __u32 tid, __u64 lo, __u64 hi, int whole,
			   unsigned char *buf, __u64 *next_sp)
{
	struct run *r = job->r;
	ssize_t got;
	int frames_fd = bpf_map__fd(r->skel->maps.attach_frames);
	size_t len = hi > lo ? hi - lo : 0;
	struct iovec local = {.iov_base = buf, .iov_len = len};
	struct iovec remote = {.iov_base = (void *)(uintptr_t)lo, .iov_len = len};
	size_t found[SIGSCOPE_SNAPSHOT_THREAD_FRAMES], n = 0;

	*next_sp = 0;
	if (!len || len > WINDOW_MAX)
		return -1;
	got = read_unlocked(job, (pid_t)tid, &local, &remote);
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
		snapshot_fp_area(r, buf, lo, hi, buf + found[i], &f);
		if (bpf_map_update_elem(frames_fd, &key, &f, BPF_ANY) != 0)
			return -1;
		job->frames++;
		rsp = f.regs[SIGSCOPE_REG_RSP];
		if ((rsp < lo || rsp >= hi) && !*next_sp) /* found[] rises: the lowest first */
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
static int snapshot_thread(struct snapshot_job *job, __u32 tid, struct sigscope_attach_thread *t,
			   unsigned char *buf, uint64_t *spent)
{
	__u64 lo = t->lo, hi = t->hi, next;
	int n, is64;

	pthread_mutex_unlock(&job->lock); /* /proc/TID/exe may be on a FUSE file system */
	is64 = process_is_64bit(tid, t->user_cs);
	pthread_mutex_lock(&job->lock);
	if (!is64 || job->abandoned)
		return -1;
	n = snapshot_window(job, tid, lo, hi, 1, buf, &next);
	if (n < 0)
		return -1;
	t->frames = (__u32)n;
	for (int w = 1;
	     w < WINDOWS_MAX && next && *spent + SIGSCOPE_SNAPSHOT_REACH <= SNAPSHOT_BUDGET; w++) {
		lo = next - 8;
		hi = next + SIGSCOPE_SNAPSHOT_REACH;
		*spent += SIGSCOPE_SNAPSHOT_REACH;
		n = snapshot_window(job, tid, lo, hi, 0, buf, &next);
		if (n < 0)
			break;
		t->frames += (__u32)n;
	}
	return 0;
}

static void *snapshot_reader(void *arg)
{
	struct snapshot_job *job = arg;
	struct run *r = job->r;
	int threads_fd = bpf_map__fd(r->skel->maps.attach_threads);
	unsigned char *buf = malloc(WINDOW_MAX);
	__u32 tid, next, *prev = NULL;
	uint64_t spent = 0;
	int abandoned;

	pthread_mutex_lock(&job->lock);
	while (buf && !job->abandoned && bpf_map_get_next_key(threads_fd, prev, &next) == 0) {
		struct sigscope_attach_thread t;

		tid = next;
		prev = &tid;
		if (bpf_map_lookup_elem(threads_fd, &tid, &t) != 0)
			continue;
		spent += t.hi > t.lo ? t.hi - t.lo : 0;
		if (spent > SNAPSHOT_BUDGET || snapshot_thread(job, tid, &t, buf, &spent) != 0) {
			job->unread++;
			continue;
		}
		if (job->abandoned)
			break;
		t.scanned = 1;
		if (bpf_map_update_elem(threads_fd, &tid, &t, BPF_EXIST) != 0)
			job->unread++;
	}
	if (!buf)
		job->unread++;
	job->done = 1;
	abandoned = job->abandoned;
	pthread_cond_signal(&job->done_cond);
	pthread_mutex_unlock(&job->lock);
	free(buf);
	if (abandoned) { /* the caller has gone on without it: the job is the reader's to free */
		pthread_cond_destroy(&job->done_cond);
		pthread_mutex_destroy(&job->lock);
		free(job);
	}
	return NULL;
}

void snapshot_frames(struct run *r)
{
	struct snapshot_job *job = calloc(1, sizeof(*job));
	pthread_condattr_t monotonic;
	struct timespec until;
	pthread_t reader;
	int stalled = 0;

	/* Done, or given up on: from here an x86_64 frame of an older thread is excused only where
	 * the snapshot recorded one (no job, no reader: none is). */
	r->skel->bss->snapshot_done = 1;
	if (!job) {
		r->snapshot_unread++;
		return;
	}
	job->r = r;
	pthread_mutex_init(&job->lock, NULL);
	pthread_condattr_init(&monotonic);
	pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
	pthread_cond_init(&job->done_cond, &monotonic);
	pthread_condattr_destroy(&monotonic);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += SNAPSHOT_DEADLINE_MS / 1000;
	pthread_mutex_lock(&job->lock);
	if (pthread_create(&reader, NULL, snapshot_reader, job) != 0) {
		pthread_mutex_unlock(&job->lock);
		r->snapshot_unread++;
		pthread_cond_destroy(&job->done_cond);
		pthread_mutex_destroy(&job->lock);
		free(job);
		return;
	}
	pthread_detach(reader);
	while (!job->done && !stalled)
		stalled = pthread_cond_timedwait(&job->done_cond, &job->lock, &until) == ETIMEDOUT;
	r->snapshot_frames += job->frames;
	r->snapshot_unread += job->unread;
	if (!job->done) { /* the reader frees the job whenever its read returns */
		job->abandoned = 1;
		r->snapshot_unread++;
		pthread_mutex_unlock(&job->lock);
		fprintf(stderr,
			"sigscope: the attach-time snapshot stalled on a page that did not come in "
			"(%d ms): older threads not read have no excuse\n",
			SNAPSHOT_DEADLINE_MS);
		return;
	}
	pthread_mutex_unlock(&job->lock); /* the reader touches the job no more once done */
	pthread_cond_destroy(&job->done_cond);
	pthread_mutex_destroy(&job->lock);
	free(job);
}
