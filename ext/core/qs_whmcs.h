/* qs_whmcs: the WHMCS adapter: the event table (what each hook names in its
 * $vars, what it reads through the fetch callback, which canonical documents
 * it produces) and the normaliser of WHMCS's localAPI shapes. Pure C: the
 * binding supplies the fetch, the caller supplies what to do with each
 * document (the engine pushes it), so the CLI and other hosts reuse it. */
#ifndef QS_WHMCS_H
#define QS_WHMCS_H

#include <json-c/json.h>
#include "qs_error.h"

/* Reads one record from the billing platform: command is a localAPI command
 * ("GetInvoice"), params its arguments (borrowed). *result: a new json object
 * (the command's answer, WHMCS's shape) that the caller puts. A platform
 * error ({"result":"error"}) is returned as QS_OK with that answer; the
 * adapter reads it. Failing to call at all is an error status. */
typedef qs_status (*qs_fetch_fn)(void *ud, const char *command, json_object *params,
	json_object **result, qs_error *e);

/* What an event does. */
typedef enum qs_whmcs_action {
	QS_WA_NONE = 0,      /* nothing to sync (logged only) */
	QS_WA_CUSTOMER,      /* client -> customer */
	QS_WA_CLIENT_GONE,   /* client closed/deleted: the QBO customer keeps its history */
	QS_WA_INVOICE,       /* invoice -> customer, items, invoice */
	QS_WA_INVOICE_TXNS,  /* invoice and every transaction of it */
	QS_WA_TRANSACTION,   /* one tblaccounts row -> payment or refund */
	QS_WA_MANUAL_REFUND, /* the refunds of the payment with a gateway transid */
	QS_WA_SPLIT,         /* both invoices of a split */
	QS_WA_DRAIN,         /* deliver due work (cron) */
	QS_WA_REFERENCE,     /* refresh reference data (daily cron) */
	QS_WA__COUNT
} qs_whmcs_action;

/* One row of the event table. */
typedef struct qs_whmcs_event {
	const char *name;       /* WHMCS hook point, "InvoicePaid" */
	qs_whmcs_action action;
	const char *ids;        /* the $vars keys it records, comma separated */
	const char *reads;      /* the localAPI commands it calls, comma separated (docs) */
	const char *produces;   /* the canonical documents it pushes (docs) */
} qs_whmcs_event;

/* The row of an event, or NULL when the adapter does not know it. */
const qs_whmcs_event *qs_whmcs_event_find(const char *name);
/* The whole table (for docs and tests): *n rows. */
const qs_whmcs_event *qs_whmcs_events(size_t *n);
const char *qs_whmcs_action_name(qs_whmcs_action a);

/* The ids an event names, taken from its $vars (borrowed): a new object of
 * strings ({"invoiceid":"12"}) holding only what the event needs, with
 * WHMCS's spellings resolved (AddTransaction's invoiceid or invocieid).
 * QS_EVALIDATION naming the key when a required id is missing. */
qs_status qs_whmcs_ids(const qs_whmcs_event *ev, json_object *vars, json_object **ids, qs_error *e);

/* Receives every canonical document an expansion produces, in dependency
 * order (customer before its invoice, items before lines, invoice before its
 * payments). doc is borrowed. A failure stops the expansion. */
typedef qs_status (*qs_emit_fn)(void *ud, const char *kind, json_object *doc, qs_error *e);

/* Notes what an expansion decided not to push, and why (an Add Funds
 * invoice, a Mass Pay invoice, a draft): kind, id, reason. May be NULL. */
typedef void (*qs_skip_fn)(void *ud, const char *kind, const char *id, const char *reason);

/* Whether the store holds a record of kind and id (a WHMCS transaction once
 * taken as a refund or as a credit note keeps that kind). May be NULL. */
typedef bool (*qs_recorded_fn)(void *ud, const char *kind, const char *id);

typedef struct qs_whmcs_io {
	qs_fetch_fn fetch;
	void *fetch_ud;
	qs_emit_fn emit;
	qs_skip_fn skip;
	void *ud;                 /* for emit and skip */
	qs_recorded_fn recorded;
	void *recorded_ud;
	const char *home_currency;  /* QBO's home currency ("USD"); WHMCS rates are carried over
	                               only when WHMCS's default currency is this one */
} qs_whmcs_io;

/* Is WHMCS transaction txn_id among client clientid's transactions
 * (GetTransactions clientid)? A payment deleted in WHMCS is not. */
qs_status qs_whmcs_txn_listed(const qs_whmcs_io *io, const char *clientid, const char *txn_id, bool *listed, qs_error *e);

/* Reads what the event needs through io->fetch and emits its canonical
 * documents. The main record the event is about goes to *main_kind/main_id
 * (may be NULL; "" when none). QS_EDRAIN-like actions (DRAIN) emit nothing:
 * the caller handles them. A WHMCS error answer ("Invoice ID Not Found") is
 * QS_EVALIDATION with WHMCS's message; a fetch failure is the fetch's status. */
qs_status qs_whmcs_expand(const qs_whmcs_event *ev, json_object *ids, const qs_whmcs_io *io,
	char main_kind[16], char main_id[65], qs_error *e);

/* ---- the history push's lists (qs_whmcs_list.c) ---- */
/* One page of a WHMCS list for the history push: list is "customer"
 * (GetClients), "item" (GetProducts, one entry for all products), "invoice"
 * (GetInvoices, by id) or "transaction" (GetTransactions: documented without
 * paging, so the whole list is read and the page cut from it). *entries: a
 * new array of {"event": hook event whose expansion gives the record's
 * documents, "ids": its ids, "date": "YYYY-MM-DD" when the list row has one}.
 * *read: the list rows this page consumed (the next page starts there; fewer
 * than limit means the list has ended). *total: the list's length as WHMCS
 * reports it (-1 when it does not). A WHMCS error answer is QS_EVALIDATION
 * with its message. */
qs_status qs_whmcs_list(qs_fetch_fn fetch, void *fetch_ud, const char *list, long offset, long limit,
	json_object **entries, long *total, long *read, qs_error *e);

/* WHMCS text to plain UTF-8: HTML entities (&amp; &#039; &#x27; ...) decoded,
 * surrounding blanks trimmed. malloc'd; NULL when s is NULL. */
char *qs_whmcs_text(const char *s);

#endif
