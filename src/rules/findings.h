/* The findings catalog: names, event ids, signature metadata and the names of verdict fields. */
#ifndef SIGSCOPE_RULES_FINDINGS_H
#define SIGSCOPE_RULES_FINDINGS_H

#include <stdint.h>

#include "../shared/sigscope_event.h"

/*
 * Event ids (docs/events.md "Event ids"): above every range any Tracee release uses (syscalls,
 * 700-8999, 9000, MaxBuiltinID 9999, the sentinels at 0xfffffff - n) and every value of Tracee's
 * protobuf EventId enum (at most 2026). eventId of a finding's event is FINDING_EVENT_ID_BASE +
 * its enum sigscope_finding value.
 */
#define SIGNAL_DELIVER_EVENT_ID	 30001
#define SIGNAL_GENERATE_EVENT_ID 30002
#define FINDING_EVENT_ID_BASE	 30101
#define ENFORCEMENT_EVENT_ID	 30200
#define ENFORCEMENT_EVENT_NAME	 "sigscope_enforcement"

/* One rule of src/bpf/rules.bpf.h as reported (docs/events.md "Findings"). */
struct finding_info {
	const char *name;	    /* short name: "stack_pivot"; also the policy's name */
	const char *event_name;	    /* "sigreturn_stack_pivot" */
	int event_id;		    /* 30101 + index */
	const char *description;    /* one line, metadata.Description */
	const char *signature_id;   /* "SIGSCOPE-4" */
	const char *signature_name; /* metadata.Properties.signatureName */
	const char *category;  /* MITRE ATT&CK tactic, Tracee's spelling: "privilege-escalation" */
	const char *technique; /* MITRE ATT&CK technique name */
	const char *external_id; /* MITRE ATT&CK technique id: "T1068" */
};

/* The entry of finding (enum sigscope_finding), NULL when out of range. */
const struct finding_info *finding_get(unsigned int finding);

/* Short name of finding bit (enum sigscope_finding), "unknown" when out of range: for summaries. */
const char *finding_name(unsigned int finding);

/* enum sigscope_finding of a short name ("stack_pivot"), -1 when it names none. */
int finding_by_name(const char *name);

/* "info", "low", "medium", "high", "critical"; "none" for SIGSCOPE_SEV_NONE; "unknown" else. */
const char *severity_name(unsigned int severity);

/* enum sigscope_mem_class: "unknown", "file_exec", ..., "unmapped"; "unknown" when out of range. */
const char *mem_class_name(unsigned int mem_class);

/* enum sigscope_call_site: "unknown", "delivered", "registered", "vdso", "other". */
const char *call_site_check_name(unsigned int check);

/* enum sigscope_pattern: what a handler did to the context ("call_injection"). */
const char *pattern_name(unsigned int pattern);

/* enum sigscope_abi: "x86_64", "ia32", "ia32_from_64", "x32". */
const char *abi_name(unsigned int abi);

#endif
