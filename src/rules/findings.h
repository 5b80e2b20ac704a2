/* The findings catalog: names, event ids, signature metadata and the names of verdict fields. */
#ifndef SIGSCOPE_RULES_FINDINGS_H
#define SIGSCOPE_RULES_FINDINGS_H

#include <stdint.h>

#include "../shared/sigscope_event.h"
#include "../decode/names.h" /* finding_name(): the short name, also the policy's */

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

#endif
