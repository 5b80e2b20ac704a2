/* Symbolic names for signals, masks, si_code values and sigaction flags. */
#ifndef SIGSCOPE_DECODE_SIGNALS_H
#define SIGSCOPE_DECODE_SIGNALS_H

#include <stddef.h>
#include <stdint.h>

/* "SIGUSR1"; real-time signals as strace names them ("SIGRT_2" = 34); "SIG0"/"SIG99" otherwise.
 * Writes into buf (at least 16 bytes) and returns buf. */
const char *sigscope_signal_name(int sig, char *buf, size_t len);

/* Signal number for a name ("SIGUSR1", "USR1", "10", "SIGRT_3"); -1 if unknown. */
int sigscope_signal_number(const char *name);

/* Calls fn(sig, arg) for each signal set in mask (bit n-1 = signal n), ascending. */
void sigscope_mask_for_each(uint64_t mask, void (*fn)(int sig, void *arg), void *arg);

/* si_code name for a signal ("SI_USER", "SI_TKILL", "SEGV_MAPERR", ...); NULL if none. */
const char *sigscope_si_code_name(int sig, int code);

/* "SA_SIGINFO|SA_RESTORER|SA_RESTART" (unknown bits as hex); "0" when none. Returns buf. */
const char *sigscope_sa_flags_str(uint64_t flags, char *buf, size_t len);

/* "SS_ONSTACK", "SS_DISABLE", "SS_AUTODISARM|..."; "0" when none. Returns buf. */
const char *sigscope_ss_flags_str(uint32_t flags, char *buf, size_t len);

#endif
