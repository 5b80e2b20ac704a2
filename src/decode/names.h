/*
 * The names of everything a record carries, in one place: events and their selection mask, ABIs,
 * pairing statuses and methods, signal_generate results, severities, findings, memory classes,
 * call-site checks and patterns. The writers, the options and the policy all spell them from here.
 */
#ifndef SIGSCOPE_DECODE_NAMES_H
#define SIGSCOPE_DECODE_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "../shared/sigscope_event.h"

/* Selected events: bit (1 << enum sigscope_event_type); 0 in an output context means all. */
#define EVENT_BIT(type) (1u << (type))
#define EVENTS_ALL                                                                                 \
	(EVENT_BIT(SIGSCOPE_EV_RT_SIGRETURN) | EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER) |             \
	 EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE))
/* What a sensor writes unless -e says otherwise: the sigreturns (each names its delivery), and the
 * findings of any event. Deliveries and generates are still traced and paired in the kernel. */
#define EVENTS_DEFAULT EVENT_BIT(SIGSCOPE_EV_RT_SIGRETURN)

/* The mask of an event name of len bytes ("rt_sigreturn", ..., "all"), 0 when it names none. */
uint32_t event_mask_of(const char *name, size_t len);

/* "info", "low", "medium", "high", "critical"; "none" for SIGSCOPE_SEV_NONE; "unknown" else. */
const char *severity_name(unsigned int severity);
/* "info".."critical" or "0".."4" -> 0..4; -1 otherwise. */
int severity_from_name(const char *name);

/* Short name of finding bit (enum sigscope_finding), "unknown" when out of range. */
const char *finding_name(unsigned int finding);
/* enum sigscope_finding of a short name ("stack_pivot"), -1 when it names none. */
int finding_by_name(const char *name);

/* enum sigscope_mem_class: "unknown", "file_exec", ..., "unmapped"; "unknown" when out of range. */
const char *mem_class_name(unsigned int mem_class);
/* enum sigscope_call_site: "unknown", "delivered", "registered", "vdso", "other", "stub". */
const char *call_site_check_name(unsigned int check);
/* enum sigscope_pattern: what a handler did to the context ("call_injection"). */
const char *pattern_name(unsigned int pattern);
/* enum sigscope_explanation: why a change to a judged register is legitimate, or "unexplained". */
const char *explanation_name(unsigned int explanation);
/* enum sigscope_abi: "x86_64", "ia32", "ia32_from_64", "x32"; "unknown" when out of range. */
const char *abi_name(unsigned int abi);

/* The next three give NULL out of range: each writer spells the unknown its own way. */
/* enum sigscope_match_status: "matched", "unmatched", "thread_predates_tracer". */
const char *match_status_name(unsigned int status);
/* enum sigscope_match_method: "none", "context", "sp", "frame". */
const char *match_method_name(unsigned int method);
/* enum trace_signal_result of signal_generate: "delivered", ..., "handled". */
const char *signal_result_name(int32_t result);

#endif
