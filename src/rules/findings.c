/* The findings catalog (docs/events.md "Findings"), one entry per enum sigscope_finding. */
#include "findings.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * MITRE ATT&CK mapping. Every rule catches a piece of the same thing: a sigreturn used as an
 * exploitation primitive (SROP: a forged frame entered through any `syscall` gadget sets every
 * register at once; a pivoted stack carries the ROP chain; a frame raced under the kernel; a
 * switch to 32-bit mode to reach another syscall table). That is T1068 "Exploitation for Privilege
 * Escalation" (tactic privilege-escalation, spelt as Tracee spells categories): a flaw in a
 * program exploited to run the attacker's code with that program's privileges. Alternatives
 * considered and rejected:
 *  - T1055 Process Injection (defense-evasion) for tampered_context: injection places code in
 *    another process; this finding is about a task's own saved context.
 *  - T1211 Exploitation for Defense Evasion for toctou and abi_switch: racing the frame defeats
 *    checks made on the earlier read, and 32-bit mode can dodge a syscall filter written for the
 *    64-bit table; but both are steps of the same SROP chain, and one technique keeps the
 *    signatures comparable.
 * preexisting_unmatched is informational (a thread already inside handlers when tracing began)
 * and keeps the same technique so that it sorts with the rule it stands in for (forged_frame);
 * its severity is the kernel's, like every finding's.
 */
#define T1068_CATEGORY	"privilege-escalation"
#define T1068_TECHNIQUE "Exploitation for Privilege Escalation"
#define T1068_ID	"T1068"

static const struct finding_info catalog[SIGSCOPE_FINDING_MAX] = {
    [SIGSCOPE_FINDING_FORGED_FRAME] = {"sigreturn_forged_frame",
				       FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_FORGED_FRAME,
				       "A sigreturn restored a frame that no signal delivered to "
				       "the thread wrote (SROP)",
				       "SIGSCOPE-1", "Forged sigreturn frame", T1068_CATEGORY,
				       T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_WRONG_CALL_SITE] = {"sigreturn_wrong_call_site",
					  FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_WRONG_CALL_SITE,
					  "A sigreturn was issued from outside every signal "
					  "restorer of the process (a syscall gadget)",
					  "SIGSCOPE-2", "Sigreturn from outside a restorer",
					  T1068_CATEGORY, T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_TAMPERED] = {"sigreturn_tampered_context",
				   FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_TAMPERED,
				   "A sigreturn restored registers other than those the signal "
				   "interrupted",
				   "SIGSCOPE-3", "Signal context tampered before sigreturn",
				   T1068_CATEGORY, T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_STACK_PIVOT] = {"sigreturn_stack_pivot",
				      FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_STACK_PIVOT,
				      "A sigreturn moved the stack pointer off the thread's stack "
				      "and sigaltstack",
				      "SIGSCOPE-4", "Stack pivot through sigreturn", T1068_CATEGORY,
				      T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_TOCTOU] = {"sigreturn_toctou",
				 FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_TOCTOU,
				 "The sigreturn frame changed, or became unreadable, between "
				 "sigscope's read and the kernel's",
				 "SIGSCOPE-5", "Sigreturn frame raced under the kernel",
				 T1068_CATEGORY, T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_ABI_SWITCH] = {"sigreturn_abi_switch",
				     FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_ABI_SWITCH,
				     "A sigreturn switched a process between 64-bit and 32-bit "
				     "mode",
				     "SIGSCOPE-6", "Sigreturn switches the CPU mode",
				     T1068_CATEGORY, T1068_TECHNIQUE, T1068_ID},
    [SIGSCOPE_FINDING_PREEXISTING] = {"sigreturn_preexisting_unmatched",
				      FINDING_EVENT_ID_BASE + SIGSCOPE_FINDING_PREEXISTING,
				      "An unmatched sigreturn on a thread that started before "
				      "sigscope, excused as the unwinding of an older handler",
				      "SIGSCOPE-7", "Unmatched sigreturn on an older thread",
				      T1068_CATEGORY, T1068_TECHNIQUE, T1068_ID},
};

const struct finding_info *finding_get(unsigned int finding)
{
	return finding < ARRAY_SIZE(catalog) ? &catalog[finding] : NULL;
}
