/* qs_engine_hook.h: what qbo_hook's one-event path (qs_engine_hook_event.c)
 * shares with the expansion of hook events (qs_engine_hook.c). Internal. */
#ifndef QS_ENGINE_HOOK_H
#define QS_ENGINE_HOOK_H

#include "qs_engine_int.h"

struct seen_set;

/* What an expansion pushed and skipped. */
typedef struct hook_run {
	struct seen_set *seen;           /* identical documents pushed once per run; may be NULL */
	qs_engine *eng;
	int flags;                /* qs_engine_push flags */
	json_object *states;      /* array of entity states pushed (inline), or NULL */
	char skip_kind[16], skip_id[65], skip_reason[300];
	qs_status push_failed;    /* first QS_EAPI/QS_EAUTH of an inline push */
	qs_error push_err;
	bool list_payments;       /* an invoice's transactions: the payment ids emitted are kept */
	char (*paid)[65];
	size_t n_paid, cap_paid;
	bool paid_oom;
	json_object *held;        /* [[kind, doc]...] an invoice event emitted, pushed once the
	                           * payments WHMCS no longer lists and the write-offs it no longer
	                           * has are deleted (their money first leaves or returns to the
	                           * invoice's QBO balance, then a new payment fits) */
	char reopened[4][65];     /* invoices emitted out of Collections: their write-off is reversed */
	size_t n_reopened;
} hook_run;

/* Expands one event through the fetch into pushes with h->flags; mk/mi
 * receive the record the event is about. */
qs_status qse_hook_expand_one(qs_engine *eng, const qs_whmcs_event *ev, json_object *ids, hook_run *h,
	char mk[16], char mi[65], qs_error *e);

#endif
