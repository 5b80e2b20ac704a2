/* The addresses of a finding, symbolized (symref.h). */
#include "symref.h"
#include "../decode/event.h"

static const char *const keys[SYMREF_ROLES] = {
    [SYMREF_RIP] = "rip",	    [SYMREF_SAVED_RIP] = "saved_rip",
    [SYMREF_HANDLER] = "handler",   [SYMREF_CALL_SITE] = "call_site",
    [SYMREF_RESTORER] = "restorer",
};

const char *symref_key(unsigned int role)
{
	return role < SYMREF_ROLES ? keys[role] : "";
}

static void one(const struct output_ctx *ctx, const struct sigscope_event *de, struct symref *r,
		unsigned int role, uint64_t addr)
{
	r->have |= 1u << role;
	sym_lookup(ctx->syms, ctx->procs, de->tc->host_pid, de->tc->exe_ino, addr, &r->s[role]);
}

void symref_fill(const struct output_ctx *ctx, const struct sigscope_event *de, struct symref *r)
{
	const struct sigscope_sigreturn_event *ev = de->sr;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;

	r->have = 0;
	if (de->have_regs)
		one(ctx, de, r, SYMREF_RIP, de->regs[SIGSCOPE_REG_RIP]);
	if (matched) {
		one(ctx, de, r, SYMREF_SAVED_RIP, ev->delivery.regs[SIGSCOPE_REG_RIP]);
		one(ctx, de, r, SYMREF_HANDLER, ev->delivery.handler);
	}
	one(ctx, de, r, SYMREF_CALL_SITE, ev->call_site);
	if (matched && (ev->verdict.findings & (1u << SIGSCOPE_FINDING_WRONG_CALL_SITE)))
		one(ctx, de, r, SYMREF_RESTORER, ev->delivery.restorer);
}
