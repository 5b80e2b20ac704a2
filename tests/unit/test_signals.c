/* Signal, si_code and flag name tests; expected values come from glibc's <signal.h> where it has
 * them and from include/uapi/asm-generic/siginfo.h (newer than this machine's copy) otherwise. */
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "decode/signals.h"
#include "unit.h"

static const struct {
	int sig;
	const char *name;
} std_signals[] = {
    {SIGHUP, "SIGHUP"},	  {SIGINT, "SIGINT"},	    {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
    {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"},	    {SIGBUS, "SIGBUS"},	  {SIGFPE, "SIGFPE"},
    {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"},	    {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"},	    {SIGTERM, "SIGTERM"}, {SIGSTKFLT, "SIGSTKFLT"},
    {SIGCHLD, "SIGCHLD"}, {SIGCONT, "SIGCONT"},	    {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"},
    {SIGTTIN, "SIGTTIN"}, {SIGTTOU, "SIGTTOU"},	    {SIGURG, "SIGURG"},	  {SIGXCPU, "SIGXCPU"},
    {SIGXFSZ, "SIGXFSZ"}, {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"},
    {SIGIO, "SIGIO"},	  {SIGPWR, "SIGPWR"},	    {SIGSYS, "SIGSYS"},
};

TEST(signal_names_standard)
{
	char buf[16];

	CHECK(sizeof(std_signals) / sizeof(std_signals[0]) == 31);
	for (size_t i = 0; i < sizeof(std_signals) / sizeof(std_signals[0]); i++)
		CHECK_STR(sigscope_signal_name(std_signals[i].sig, buf, sizeof(buf)),
			  std_signals[i].name);
	/* Aliases print under their primary name. */
	CHECK_STR(sigscope_signal_name(SIGIOT, buf, sizeof(buf)), "SIGABRT");
	CHECK_STR(sigscope_signal_name(SIGPOLL, buf, sizeof(buf)), "SIGIO");
}

TEST(signal_names_rt_and_invalid)
{
	char buf[16];

	CHECK_STR(sigscope_signal_name(32, buf, sizeof(buf)), "SIGRT_0");
	CHECK_STR(sigscope_signal_name(34, buf, sizeof(buf)), "SIGRT_2");
	CHECK_STR(sigscope_signal_name(SIGRTMAX, buf, sizeof(buf)), "SIGRT_32");
	CHECK_STR(sigscope_signal_name(0, buf, sizeof(buf)), "SIG0");
	CHECK_STR(sigscope_signal_name(65, buf, sizeof(buf)), "SIG65");
	CHECK_STR(sigscope_signal_name(99, buf, sizeof(buf)), "SIG99");
	CHECK_STR(sigscope_signal_name(-1, buf, sizeof(buf)), "SIG-1");
	CHECK(strlen(sigscope_signal_name(-2147483647 - 1, buf, sizeof(buf))) < sizeof(buf));
	/* A short buffer truncates instead of overflowing. */
	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_signal_name(SIGUSR1, buf, 4), "SIG");
	CHECK(buf[4] == 'X');
	CHECK_STR(sigscope_signal_name(SIGUSR1, NULL, 0), "");
}

TEST(signal_numbers_parse)
{
	char buf[16];

	CHECK(sigscope_signal_number("SIGUSR1") == SIGUSR1);
	CHECK(sigscope_signal_number("USR1") == SIGUSR1);
	CHECK(sigscope_signal_number("usr1") == SIGUSR1);
	CHECK(sigscope_signal_number("SigUsr1") == SIGUSR1);
	CHECK(sigscope_signal_number("10") == 10);
	CHECK(sigscope_signal_number("1") == 1);
	CHECK(sigscope_signal_number("64") == 64);
	CHECK(sigscope_signal_number("SIGRT_3") == 35);
	CHECK(sigscope_signal_number("sigrt_0") == 32);
	CHECK(sigscope_signal_number("RT_32") == 64);
	CHECK(sigscope_signal_number("SIGIOT") == SIGABRT);
	CHECK(sigscope_signal_number("POLL") == SIGIO);
	CHECK(sigscope_signal_number("sigpoll") == SIGIO);
	CHECK(sigscope_signal_number("SIGSYS") == SIGSYS);
	/* Every name printed parses back to its number. */
	for (int sig = 1; sig <= 64; sig++)
		CHECK(sigscope_signal_number(sigscope_signal_name(sig, buf, sizeof(buf))) == sig);
}

TEST(signal_numbers_invalid)
{
	static const char *const bad[] = {
	    "0",      "65",	    "99999999999999999999",
	    "-1",     " 10",	    "10x",
	    "+10",    "",	    "SIG",
	    "SIGFOO", "SIGSIGUSR1", "SIGRT_33",
	    "SIGRT_", "SIGRT_-1",   "SIGRT_1x",
	    "SIG10",  "SIGUSR1 ",   "SIG0",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(sigscope_signal_number(bad[i]) == -1);
	CHECK(sigscope_signal_number(NULL) == -1);
}

struct collected {
	int sigs[64];
	int n;
};

static void collect(int sig, void *arg)
{
	struct collected *c = arg;

	if (c->n < 64)
		c->sigs[c->n] = sig;
	c->n++;
}

TEST(mask_for_each_ascending)
{
	struct collected c = {.n = 0};

	sigscope_mask_for_each(
	    1ULL << (SIGHUP - 1) | 1ULL << (SIGUSR1 - 1) | 1ULL << 31 | 1ULL << 63, collect, &c);
	CHECK(c.n == 4);
	CHECK(c.sigs[0] == SIGHUP && c.sigs[1] == SIGUSR1 && c.sigs[2] == 32 && c.sigs[3] == 64);

	c.n = 0;
	sigscope_mask_for_each(0, collect, &c);
	CHECK(c.n == 0);

	sigscope_mask_for_each(~0ULL, collect, &c);
	CHECK(c.n == 64);
	for (int i = 0; i < 64; i++)
		CHECK(c.sigs[i] == i + 1);
}

TEST(si_code_names_generic)
{
	CHECK_STR(sigscope_si_code_name(SIGUSR1, SI_USER), "SI_USER");
	CHECK_STR(sigscope_si_code_name(SIGSEGV, SI_KERNEL), "SI_KERNEL");
	CHECK_STR(sigscope_si_code_name(SIGRTMIN, SI_QUEUE), "SI_QUEUE");
	CHECK_STR(sigscope_si_code_name(SIGALRM, SI_TIMER), "SI_TIMER");
	CHECK_STR(sigscope_si_code_name(SIGUSR2, SI_MESGQ), "SI_MESGQ");
	CHECK_STR(sigscope_si_code_name(SIGIO, SI_ASYNCIO), "SI_ASYNCIO");
	CHECK_STR(sigscope_si_code_name(SIGIO, SI_SIGIO), "SI_SIGIO");
	CHECK_STR(sigscope_si_code_name(SIGTERM, SI_TKILL), "SI_TKILL");
	CHECK_STR(sigscope_si_code_name(SIGKILL, SI_DETHREAD), "SI_DETHREAD");
	CHECK_STR(sigscope_si_code_name(SIGRTMIN, SI_ASYNCNL), "SI_ASYNCNL");
	CHECK(sigscope_si_code_name(SIGUSR1, -8) == NULL);
	CHECK(sigscope_si_code_name(SIGUSR1, 1) == NULL);
	CHECK(sigscope_si_code_name(SIGSEGV, 0x7f) == NULL);
}

TEST(si_code_names_per_signal)
{
	static const struct {
		int sig, code;
		const char *name;
	} want[] = {
	    {SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR"},
	    {SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR"},
	    {SIGSEGV, SEGV_BNDERR, "SEGV_BNDERR"},
	    {SIGSEGV, SEGV_PKUERR, "SEGV_PKUERR"},
	    {SIGSEGV, SEGV_ACCADI, "SEGV_ACCADI"},
	    {SIGSEGV, SEGV_ADIDERR, "SEGV_ADIDERR"},
	    {SIGSEGV, SEGV_ADIPERR, "SEGV_ADIPERR"},
	    {SIGSEGV, SEGV_MTEAERR, "SEGV_MTEAERR"},
	    {SIGSEGV, SEGV_MTESERR, "SEGV_MTESERR"},
	    {SIGSEGV, 10, "SEGV_CPERR"}, /* not yet in glibc 2.36 */
	    {SIGBUS, BUS_ADRALN, "BUS_ADRALN"},
	    {SIGBUS, BUS_ADRERR, "BUS_ADRERR"},
	    {SIGBUS, BUS_OBJERR, "BUS_OBJERR"},
	    {SIGBUS, BUS_MCEERR_AR, "BUS_MCEERR_AR"},
	    {SIGBUS, BUS_MCEERR_AO, "BUS_MCEERR_AO"},
	    {SIGILL, ILL_ILLOPC, "ILL_ILLOPC"},
	    {SIGILL, ILL_ILLOPN, "ILL_ILLOPN"},
	    {SIGILL, ILL_ILLADR, "ILL_ILLADR"},
	    {SIGILL, ILL_ILLTRP, "ILL_ILLTRP"},
	    {SIGILL, ILL_PRVOPC, "ILL_PRVOPC"},
	    {SIGILL, ILL_PRVREG, "ILL_PRVREG"},
	    {SIGILL, ILL_COPROC, "ILL_COPROC"},
	    {SIGILL, ILL_BADSTK, "ILL_BADSTK"},
	    {SIGILL, ILL_BADIADDR, "ILL_BADIADDR"},
	    {SIGFPE, FPE_INTDIV, "FPE_INTDIV"},
	    {SIGFPE, FPE_INTOVF, "FPE_INTOVF"},
	    {SIGFPE, FPE_FLTDIV, "FPE_FLTDIV"},
	    {SIGFPE, FPE_FLTOVF, "FPE_FLTOVF"},
	    {SIGFPE, FPE_FLTUND, "FPE_FLTUND"},
	    {SIGFPE, FPE_FLTRES, "FPE_FLTRES"},
	    {SIGFPE, FPE_FLTINV, "FPE_FLTINV"},
	    {SIGFPE, FPE_FLTSUB, "FPE_FLTSUB"},
	    {SIGFPE, FPE_FLTUNK, "FPE_FLTUNK"},
	    {SIGFPE, FPE_CONDTRAP, "FPE_CONDTRAP"},
	    {SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT"},
	    {SIGTRAP, TRAP_TRACE, "TRAP_TRACE"},
	    {SIGTRAP, TRAP_BRANCH, "TRAP_BRANCH"},
	    {SIGTRAP, TRAP_HWBKPT, "TRAP_HWBKPT"},
	    {SIGTRAP, TRAP_UNK, "TRAP_UNK"},
	    {SIGTRAP, 6, "TRAP_PERF"}, /* kernel-only */
	    {SIGCHLD, CLD_EXITED, "CLD_EXITED"},
	    {SIGCHLD, CLD_KILLED, "CLD_KILLED"},
	    {SIGCHLD, CLD_DUMPED, "CLD_DUMPED"},
	    {SIGCHLD, CLD_TRAPPED, "CLD_TRAPPED"},
	    {SIGCHLD, CLD_STOPPED, "CLD_STOPPED"},
	    {SIGCHLD, CLD_CONTINUED, "CLD_CONTINUED"},
	    {SIGPOLL, POLL_IN, "POLL_IN"},
	    {SIGPOLL, POLL_OUT, "POLL_OUT"},
	    {SIGPOLL, POLL_MSG, "POLL_MSG"},
	    {SIGPOLL, POLL_ERR, "POLL_ERR"},
	    {SIGPOLL, POLL_PRI, "POLL_PRI"},
	    {SIGIO, POLL_HUP, "POLL_HUP"},
	    {SIGSYS, 1, "SYS_SECCOMP"},	      /* kernel-only */
	    {SIGSYS, 2, "SYS_USER_DISPATCH"}, /* kernel-only */
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_STR(sigscope_si_code_name(want[i].sig, want[i].code), want[i].name);
	/* Gaps and codes past the end of each table. */
	CHECK(sigscope_si_code_name(SIGFPE, 9) == NULL);
	CHECK(sigscope_si_code_name(SIGFPE, 13) == NULL);
	CHECK(sigscope_si_code_name(SIGFPE, 16) == NULL);
	CHECK(sigscope_si_code_name(SIGSEGV, 11) == NULL);
	CHECK(sigscope_si_code_name(SIGBUS, 6) == NULL);
	CHECK(sigscope_si_code_name(SIGILL, 10) == NULL);
	CHECK(sigscope_si_code_name(SIGTRAP, 7) == NULL);
	CHECK(sigscope_si_code_name(SIGCHLD, 7) == NULL);
	CHECK(sigscope_si_code_name(SIGIO, 7) == NULL);
	CHECK(sigscope_si_code_name(SIGSYS, 3) == NULL);
	CHECK(sigscope_si_code_name(SIGUSR1, SEGV_MAPERR) == NULL);
}

/* Kernel values glibc does not export. */
#define K_SA_UNSUPPORTED    0x400
#define K_SA_EXPOSE_TAGBITS 0x800
#define K_SA_RESTORER	    0x04000000
#define K_SS_AUTODISARM	    (1u << 31)

TEST(sa_flags_strings)
{
	char buf[256];

	CHECK_STR(sigscope_sa_flags_str(0, buf, sizeof(buf)), "0");
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | K_SA_RESTORER | SA_RESTART, buf, sizeof(buf)),
		  "SA_SIGINFO|SA_RESTORER|SA_RESTART");
	CHECK_STR(sigscope_sa_flags_str(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO |
					    K_SA_UNSUPPORTED | K_SA_EXPOSE_TAGBITS | K_SA_RESTORER |
					    SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND,
					buf, sizeof(buf)),
		  "SA_NOCLDSTOP|SA_NOCLDWAIT|SA_SIGINFO|SA_UNSUPPORTED|SA_EXPOSE_TAGBITS|"
		  "SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_NODEFER|SA_RESETHAND");
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | 0x100 | 0x20000000, buf, sizeof(buf)),
		  "SA_SIGINFO|0x20000100");
	CHECK_STR(sigscope_sa_flags_str(0x100000000ULL, buf, sizeof(buf)), "0x100000000");
	CHECK_STR(
	    sigscope_sa_flags_str(~0ULL, buf, sizeof(buf)),
	    "SA_NOCLDSTOP|SA_NOCLDWAIT|SA_SIGINFO|SA_UNSUPPORTED|SA_EXPOSE_TAGBITS|"
	    "SA_X32_ABI|SA_IA32_ABI|SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_NODEFER|SA_RESETHAND|"
	    "0xffffffff20fff3f8");
	/* What a 32-bit process's handler carries on a 64-bit kernel. */
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | 0x02000000, buf, sizeof(buf)),
		  "SA_SIGINFO|SA_IA32_ABI");
}

TEST(sa_flags_truncation)
{
	char buf[32];

	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | SA_RESTART, buf, 8), "SA_SIGI");
	CHECK(buf[8] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | SA_RESTART, buf, 12), "SA_SIGINFO|");
	CHECK(buf[12] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO | 0x100, buf, 14), "SA_SIGINFO|0x");
	CHECK(buf[14] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO, buf, 1), "");
	CHECK(buf[1] == 'X');
	CHECK_STR(sigscope_sa_flags_str(SA_SIGINFO, NULL, 0), "");
	CHECK_STR(sigscope_sa_flags_str(0, buf, 2), "0");
}

TEST(ss_flags_strings)
{
	char buf[64];

	CHECK_STR(sigscope_ss_flags_str(0, buf, sizeof(buf)), "0");
	CHECK_STR(sigscope_ss_flags_str(SS_ONSTACK, buf, sizeof(buf)), "SS_ONSTACK");
	CHECK_STR(sigscope_ss_flags_str(SS_DISABLE, buf, sizeof(buf)), "SS_DISABLE");
	CHECK_STR(sigscope_ss_flags_str(K_SS_AUTODISARM | SS_ONSTACK, buf, sizeof(buf)),
		  "SS_ONSTACK|SS_AUTODISARM");
	CHECK_STR(sigscope_ss_flags_str(K_SS_AUTODISARM | 4, buf, sizeof(buf)),
		  "SS_AUTODISARM|0x4");
	memset(buf, 'X', sizeof(buf));
	CHECK_STR(sigscope_ss_flags_str(SS_DISABLE, buf, 5), "SS_D");
	CHECK(buf[5] == 'X');
}
