/* The names of record fields (names.h). */
#include <string.h>

#include "names.h"

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define NAME_OR(names, i, dflt) ((i) < ARRAY_SIZE(names) && (names)[i] ? (names)[i] : (dflt))

static const struct {
	const char *name;
	uint32_t mask;
} event_names[] = {
    {"rt_sigreturn", EVENT_BIT(SIGSCOPE_EV_RT_SIGRETURN)},
    {"signal_deliver", EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER)},
    {"signal_generate", EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE)},
    {"all", EVENTS_ALL},
};

uint32_t event_mask_of(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(event_names); i++)
		if (strlen(event_names[i].name) == len &&
		    strncmp(event_names[i].name, name, len) == 0)
			return event_names[i].mask;
	return 0;
}

static const char *const severity_names[] = {
    [SIGSCOPE_SEV_INFO] = "info",	  [SIGSCOPE_SEV_LOW] = "low",
    [SIGSCOPE_SEV_MEDIUM] = "medium",	  [SIGSCOPE_SEV_HIGH] = "high",
    [SIGSCOPE_SEV_CRITICAL] = "critical",
};

const char *severity_name(unsigned int severity)
{
	if (severity == SIGSCOPE_SEV_NONE)
		return "none";
	return NAME_OR(severity_names, severity, "unknown");
}

int severity_from_name(const char *name)
{
	for (int i = 0; i < (int)ARRAY_SIZE(severity_names); i++) {
		if (strcmp(name, severity_names[i]) == 0 || (name[0] == '0' + i && name[1] == '\0'))
			return i;
	}
	return -1;
}

static const char *const finding_names[SIGSCOPE_FINDING_MAX] = {
    [SIGSCOPE_FINDING_FORGED_FRAME] = "forged_frame",
    [SIGSCOPE_FINDING_WRONG_CALL_SITE] = "wrong_call_site",
    [SIGSCOPE_FINDING_TAMPERED] = "tampered_context",
    [SIGSCOPE_FINDING_STACK_PIVOT] = "stack_pivot",
    [SIGSCOPE_FINDING_TOCTOU] = "toctou",
    [SIGSCOPE_FINDING_ABI_SWITCH] = "abi_switch",
    [SIGSCOPE_FINDING_PREEXISTING] = "preexisting_unmatched",
};

const char *finding_name(unsigned int finding)
{
	return NAME_OR(finding_names, finding, "unknown");
}

int finding_by_name(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(finding_names); i++)
		if (strcmp(name, finding_names[i]) == 0)
			return (int)i;
	return -1;
}

/* One designated-initializer table per enum, each of the same shape by design: a new value
 * is one line next to its enum's others. */
const char *mem_class_name(unsigned int mem_class)
{
	static const char *const names[] = {
	    [SIGSCOPE_MEM_UNKNOWN] = "unknown",	    [SIGSCOPE_MEM_FILE_EXEC] = "file_exec",
	    [SIGSCOPE_MEM_ANON_EXEC] = "anon_exec", [SIGSCOPE_MEM_VDSO] = "vdso",
	    [SIGSCOPE_MEM_STACK] = "stack",	    [SIGSCOPE_MEM_WRITABLE] = "writable",
	    [SIGSCOPE_MEM_READONLY] = "readonly",   [SIGSCOPE_MEM_UNMAPPED] = "unmapped",
	};

	return NAME_OR(names, mem_class, "unknown");
}

const char *call_site_check_name(unsigned int check)
{
	static const char *const names[] = {
	    [SIGSCOPE_SITE_UNKNOWN] = "unknown",       [SIGSCOPE_SITE_DELIVERED] = "delivered",
	    [SIGSCOPE_SITE_REGISTERED] = "registered", [SIGSCOPE_SITE_VDSO] = "vdso",
	    [SIGSCOPE_SITE_OTHER] = "other",	       [SIGSCOPE_SITE_STUB] = "stub",
	};

	return NAME_OR(names, check, "unknown");
}

const char *pattern_name(unsigned int pattern)
{
	static const char *const names[] = {
	    [SIGSCOPE_PAT_NONE] = "none",
	    [SIGSCOPE_PAT_REGS] = "registers",
	    [SIGSCOPE_PAT_SKIP] = "instruction_skip",
	    [SIGSCOPE_PAT_JIT] = "jit_code",
	    [SIGSCOPE_PAT_HANDLER_MODULE] = "handler_module",
	    [SIGSCOPE_PAT_CALL_INJECTION] = "call_injection",
	    [SIGSCOPE_PAT_VDSO] = "vdso",
	    [SIGSCOPE_PAT_SYSCALL_REWRITE] = "syscall_rewrite",
	    [SIGSCOPE_PAT_FOREIGN_CODE] = "foreign_code",
	    [SIGSCOPE_PAT_NOT_CODE] = "not_code",
	    [SIGSCOPE_PAT_UNDECIDED] = "undecided",
	};

	return NAME_OR(names, pattern, "unknown");
}

const char *explanation_name(unsigned int explanation)
{
	static const char *const names[] = {
	    [SIGSCOPE_EXPL_NONE] = "none",
	    [SIGSCOPE_EXPL_UNEXPLAINED] = "unexplained",
	    [SIGSCOPE_EXPL_SKIP] = "instruction_skip",
	    [SIGSCOPE_EXPL_CALL_INJECTION] = "call_injection",
	    [SIGSCOPE_EXPL_RUNTIME_JIT] = "runtime_jit",
	    [SIGSCOPE_EXPL_UNDECIDED] = "undecided",
	    [SIGSCOPE_EXPL_RUNTIME_DISPATCH] = "runtime_dispatch",
	    [SIGSCOPE_EXPL_RUNTIME_TRAP] = "runtime_trap",
	    [SIGSCOPE_EXPL_RUNTIME_RESTART] = "runtime_restart",
	    [SIGSCOPE_EXPL_TRACER] = "tracer",
	};

	return NAME_OR(names, explanation, "unknown");
}

const char *abi_name(unsigned int abi)
{
	static const char *const names[] = {
	    [SIGSCOPE_ABI_X86_64] = "x86_64",
	    [SIGSCOPE_ABI_IA32] = "ia32",
	    [SIGSCOPE_ABI_IA32_FROM_64] = "ia32_from_64",
	    [SIGSCOPE_ABI_X32] = "x32",
	};

	return NAME_OR(names, abi, "unknown");
}

const char *match_status_name(unsigned int status)
{
	static const char *const names[] = {
	    [SIGSCOPE_MATCH_MATCHED] = "matched",
	    [SIGSCOPE_MATCH_UNMATCHED] = "unmatched",
	    [SIGSCOPE_MATCH_THREAD_PREDATES] = "thread_predates_tracer",
	};

	return NAME_OR(names, status, NULL);
}

const char *match_method_name(unsigned int method)
{
	static const char *const names[] = {
	    [SIGSCOPE_MATCH_BY_NONE] = "none",
	    [SIGSCOPE_MATCH_BY_CONTEXT] = "context",
	    [SIGSCOPE_MATCH_BY_SP] = "sp",
	    [SIGSCOPE_MATCH_BY_FRAME] = "frame",
	};

	return NAME_OR(names, method, NULL);
}

const char *signal_result_name(int32_t result)
{
	static const char *const names[] = {"delivered",     "ignored",	  "already_pending",
					    "overflow_fail", "lose_info", "handled"};

	return result >= 0 ? NAME_OR(names, (uint32_t)result, NULL) : NULL;
}
