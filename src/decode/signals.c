/* Symbolic names for signals, masks, si_code values and sigaction/sigaltstack flags (x86 Linux). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "signals.h"
#include "../util/text.h"

#define KERNEL_SIGRTMIN 32 /* kernel SIGRTMIN; glibc's SIGRTMIN (34) hides two for its own use */
#define KERNEL_NSIG	64
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const sig_names[KERNEL_SIGRTMIN] = {
    [1] = "SIGHUP",	[2] = "SIGINT",	  [3] = "SIGQUIT",   [4] = "SIGILL",   [5] = "SIGTRAP",
    [6] = "SIGABRT",	[7] = "SIGBUS",	  [8] = "SIGFPE",    [9] = "SIGKILL",  [10] = "SIGUSR1",
    [11] = "SIGSEGV",	[12] = "SIGUSR2", [13] = "SIGPIPE",  [14] = "SIGALRM", [15] = "SIGTERM",
    [16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT",  [19] = "SIGSTOP", [20] = "SIGTSTP",
    [21] = "SIGTTIN",	[22] = "SIGTTOU", [23] = "SIGURG",   [24] = "SIGXCPU", [25] = "SIGXFSZ",
    [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO",   [30] = "SIGPWR",
    [31] = "SIGSYS",
};

/* Accepted when parsing, never printed. */
static const struct {
	const char *name;
	int sig;
} sig_aliases[] = {
    {"SIGIOT", SIGIOT},
    {"SIGPOLL", SIGPOLL},
};

const char *sigscope_signal_name(int sig, char *buf, size_t len)
{
	if (!buf || len == 0)
		return "";
	if (sig >= 1 && sig < KERNEL_SIGRTMIN)
		text_copy(buf, len, sig_names[sig]);
	else if (sig >= KERNEL_SIGRTMIN && sig <= KERNEL_NSIG)
		snprintf(buf, len, "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		snprintf(buf, len, "SIG%d", sig);
	return buf;
}

/* Plain decimal digits only, value in [lo, hi]; -1 otherwise (stops before it can overflow). */
static int parse_dec(const char *s, int lo, int hi)
{
	int v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > hi)
			return -1;
	}
	return v < lo ? -1 : v;
}

int sigscope_signal_number(const char *name)
{
	int n;

	if (!name)
		return -1;
	if (*name >= '0' && *name <= '9')
		return parse_dec(name, 1, KERNEL_NSIG);
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	if (strncasecmp(name, "RT_", 3) == 0) {
		n = parse_dec(name + 3, 0, KERNEL_NSIG - KERNEL_SIGRTMIN);
		return n < 0 ? -1 : KERNEL_SIGRTMIN + n;
	}
	for (n = 1; n < KERNEL_SIGRTMIN; n++)
		if (strcasecmp(name, sig_names[n] + 3) == 0)
			return n;
	for (size_t i = 0; i < ARRAY_LEN(sig_aliases); i++)
		if (strcasecmp(name, sig_aliases[i].name + 3) == 0)
			return sig_aliases[i].sig;
	return -1;
}

void sigscope_mask_for_each(uint64_t mask, void (*fn)(int sig, void *arg), void *arg)
{
	if (!fn)
		return;
	for (int sig = 1; sig <= KERNEL_NSIG; sig++)
		if (mask & (1ULL << (sig - 1)))
			fn(sig, arg);
}

/* Values from include/uapi/asm-generic/siginfo.h; the index is the si_code. */
static const char *const ill_codes[] = {
    NULL,	  "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
    "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR",
};
/* FPE codes 9..13 are ia64-only (__FPE_DECOUT ...): left NULL. */
static const char *const fpe_codes[] = {
    NULL,	  "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV",	   "FPE_FLTOVF",   "FPE_FLTUND",
    "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB", [14] = "FPE_FLTUNK", "FPE_CONDTRAP",
};
static const char *const segv_codes[] = {
    NULL,	    "SEGV_MAPERR",  "SEGV_ACCERR",  "SEGV_BNDERR",  "SEGV_PKUERR", "SEGV_ACCADI",
    "SEGV_ADIDERR", "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR", "SEGV_CPERR",
};
static const char *const bus_codes[] = {
    NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO",
};
static const char *const trap_codes[] = {
    NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF",
};
static const char *const cld_codes[] = {
    NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED",
};
static const char *const poll_codes[] = {
    NULL, "POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP",
};
static const char *const sys_codes[] = {
    NULL,
    "SYS_SECCOMP",
    "SYS_USER_DISPATCH",
};

static const struct {
	int sig;
	const char *const *names;
	size_t n;
} sig_codes[] = {
    {SIGILL, ill_codes, ARRAY_LEN(ill_codes)},	  {SIGFPE, fpe_codes, ARRAY_LEN(fpe_codes)},
    {SIGSEGV, segv_codes, ARRAY_LEN(segv_codes)}, {SIGBUS, bus_codes, ARRAY_LEN(bus_codes)},
    {SIGTRAP, trap_codes, ARRAY_LEN(trap_codes)}, {SIGCHLD, cld_codes, ARRAY_LEN(cld_codes)},
    {SIGIO, poll_codes, ARRAY_LEN(poll_codes)},	  {SIGSYS, sys_codes, ARRAY_LEN(sys_codes)},
};

const char *sigscope_si_code_name(int sig, int code)
{
	switch (code) {
	case SI_USER:
		return "SI_USER";
	case SI_KERNEL:
		return "SI_KERNEL";
	case SI_QUEUE:
		return "SI_QUEUE";
	case SI_TIMER:
		return "SI_TIMER";
	case SI_MESGQ:
		return "SI_MESGQ";
	case SI_ASYNCIO:
		return "SI_ASYNCIO";
	case SI_SIGIO:
		return "SI_SIGIO";
	case SI_TKILL:
		return "SI_TKILL";
	case SI_DETHREAD:
		return "SI_DETHREAD";
	case SI_ASYNCNL:
		return "SI_ASYNCNL";
	}
	if (code < 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(sig_codes); i++)
		if (sig_codes[i].sig == sig)
			return (size_t)code < sig_codes[i].n ? sig_codes[i].names[code] : NULL;
	return NULL;
}

struct flag_name {
	uint64_t bit;
	const char *name;
};

/* Ascending bit order, so the string reads the same way every time. SA_X32_ABI and SA_IA32_ABI
 * are the kernel's own marks (set by the compat sigaction()): they choose the frame layout. */
static const struct flag_name sa_flag_names[] = {
    {0x00000001, "SA_NOCLDSTOP"},   {0x00000002, "SA_NOCLDWAIT"},      {0x00000004, "SA_SIGINFO"},
    {0x00000400, "SA_UNSUPPORTED"}, {0x00000800, "SA_EXPOSE_TAGBITS"}, {0x01000000, "SA_X32_ABI"},
    {0x02000000, "SA_IA32_ABI"},    {0x04000000, "SA_RESTORER"},       {0x08000000, "SA_ONSTACK"},
    {0x10000000, "SA_RESTART"},	    {0x40000000, "SA_NODEFER"},	       {0x80000000, "SA_RESETHAND"},
};

static const struct flag_name ss_flag_names[] = {
    {1, "SS_ONSTACK"},
    {2, "SS_DISABLE"},
    {1u << 31, "SS_AUTODISARM"},
};

/* Appends s at *pos, truncating; keeps *pos <= len - 1 and buf NUL-terminated. */
static void append(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

static const char *flags_str(uint64_t flags, const struct flag_name *names, size_t n, char *buf,
			     size_t len)
{
	size_t pos = 0;
	int first = 1;
	char hex[24];

	if (!buf || len == 0)
		return "";
	buf[0] = '\0';
	if (!flags) {
		append(buf, len, &pos, "0");
		return buf;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(flags & names[i].bit))
			continue;
		if (!first)
			append(buf, len, &pos, "|");
		append(buf, len, &pos, names[i].name);
		flags &= ~names[i].bit;
		first = 0;
	}
	if (flags) {
		if (!first)
			append(buf, len, &pos, "|");
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)flags);
		append(buf, len, &pos, hex);
	}
	return buf;
}

const char *sigscope_sa_flags_str(uint64_t flags, char *buf, size_t len)
{
	return flags_str(flags, sa_flag_names, ARRAY_LEN(sa_flag_names), buf, len);
}

const char *sigscope_ss_flags_str(uint32_t flags, char *buf, size_t len)
{
	return flags_str(flags, ss_flag_names, ARRAY_LEN(ss_flag_names), buf, len);
}
