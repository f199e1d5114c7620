/* qs_map: the canonical billing documents (shared/CANONICAL.md): validation with
 * messages that name the record, the field and the fix, normalisation (money to
 * integer minor units), and the mapping of a normalised document to QBO JSON. */
#ifndef QS_MAP_H
#define QS_MAP_H

#include <json-c/json.h>
#include "qs_money.h"

/* Kinds this module knows: "customer", "item", "invoice", "payment", "refund", "credit".
 * Returns false for anything else. */
bool qs_map_kind_known(const char *kind);

/* Validates doc (borrowed) as a canonical document of kind and returns a new,
 * normalised object (*norm, caller puts it):
 *   - "id" and every reference as strings; unknown keys are an error;
 *   - money as json ints of minor units (currency decimals: the doc's currency,
 *     else home_currency, else 2); quantities and rates as ints scaled by 10^4
 *     under the same key with suffix "_e4" (e.g. "quantity_e4");
 *   - defaults filled (customer display_name, line quantity "1", kind "sale", ...);
 *   - invoice totals checked against the lines (rounding rule: a difference within
 *     one minor unit per line is accepted and the document's totals win).
 * On failure QS_EVALIDATION: e->kind/record_id set (record_id empty when the id
 * itself is missing or invalid), e->element = field path, 0-based like PHP list
 * keys ("lines[1].amount" is the second line), e->message like
 * "Invoice 1042: lines[1].amount is 10.00 but quantity x unit_price is 12.00; send the line total or fix the price". */
qs_status qs_map_validate(const char *kind, json_object *doc, const char *home_currency,
	json_object **norm, qs_error *e);

/* Whether s (n bytes) is valid UTF-8 without a NUL byte: what qs_map_validate
 * requires of every string and field name of a document. A caller that builds
 * a document and has checked each of its strings and names this way marks it
 * (qs_map_mark_utf8_checked, on the top object): qs_map_validate then skips
 * its own pass over the tree. A document that fails the check is left
 * unmarked, and qs_map_validate's pass names the field and the byte. */
bool qs_map_utf8_ok(const char *s, size_t n);
void qs_map_mark_utf8_checked(json_object *doc);


/* The dependencies of a normalised document, in the order they must exist in QBO:
 * calls cb(ud, kind, local_id) for each ("customer" of an invoice/payment,
 * "item" of each invoice line, "invoice" of each payment application).
 * Stops and returns the callback's status when it is not QS_OK. */
typedef qs_status (*qs_dep_cb)(void *ud, const char *kind, const char *local_id, qs_error *e);
qs_status qs_map_dependencies(const char *kind, json_object *norm, qs_dep_cb cb, void *ud, qs_error *e);

/* Resolves a local reference to a QBO Id while building QBO JSON.
 * kind: "customer", "item", "invoice", "tax", "payment_method", "account:deposit",
 * "account:income", "account:refund", "term". local_id may be "*" for the default
 * of that kind. What qs_map_to_qbo asks for:
 *   - customer (required); invoice of each payment application (required);
 *   - item: the line's item; QS_OK with an empty id -> asks again with "*" (the
 *     fallback item, required); a line without item asks "*" directly;
 *   - tax: US companies only for TxnTaxCodeRef (first taxes[] entry; the engine
 *     answers QS_EWAITING for an unmapped tax, so the record waits; QS_ECONFIG or
 *     an empty id leaves TxnTaxCodeRef out, TotalTax stays); elsewhere
 *     for every line: the line's tax, else the first taxes[] entry, else "*",
 *     and "exempt" for untaxed lines (required);
 *   - payment_method, account:deposit (local id = the payment's method): QS_OK
 *     with an empty id = not mapped, leave QBO's default (no PaymentMethodRef;
 *     no DepositToAccountRef, so QBO uses Undeposited Funds);
 *   - account:income (item's income_account, else "*"; required);
 *   - account:expense ("*", non-US companies only; optional: empty = left out);
 *   - account:refund (refund's method, else "*"; required: RefundReceipt needs it).
 * "required": QS_OK with an empty id makes qs_map_to_qbo fail with QS_ECONFIG
 * ("... has no QuickBooks counterpart; map it with qbo_map(kind)").
 * Returns QS_OK and fills qbo_id (<= 31 chars) and optionally name (may be NULL),
 * QS_EWAITING when the record exists locally but is not in QBO yet, or another
 * error. */
typedef qs_status (*qs_ref_cb)(void *ud, const char *kind, const char *local_id,
	char qbo_id[32], qs_error *e);

typedef struct qs_map_ctx {
	qs_ref_cb resolve;
	void *ud;
	const char *home_currency; /* "USD" */
	bool us_company;           /* US tax model (TAX/NON line codes + TxnTaxCodeRef) */
} qs_map_ctx;

/* Builds the QBO entity body for a create (no Id/SyncToken) from a normalised
 * document: Customer, Invoice, Payment, Item, RefundReceipt, CreditMemo.
 * *entity receives the QBO entity name ("Customer"). Payment gets a PrivateNote
 * marker "qbosync:<kind>:<id>" so it can be recognised later. */
qs_status qs_map_to_qbo(const char *kind, json_object *norm, const qs_map_ctx *ctx,
	const char **entity, json_object **qbo, qs_error *e);

/* Text helpers used by the engine when linking: the DisplayName a customer gets
 * in QBO (':' and control characters removed, <= 500 chars), malloc'd. */
char *qs_map_display_name(json_object *norm);

/* The DisplayName made unique with the local id, "Jane Doe (17)", malloc'd:
 * name is cut (whole UTF-8 characters, trailing spaces dropped) so that the
 * result stays within QBO's 500 characters. */
char *qs_map_unique_name(const char *name, const char *id);

/* ---- the way back (qs_map_from_qbo.c) ---- */
/* The local id linked to a QBO record of kind ("customer", "item", "invoice",
 * "payment"); false when none. */
typedef bool (*qs_local_fn)(void *ud, const char *kind, const char *qbo_id, char local_id[65]);
/* A QBO Customer / Item / Invoice / Payment (row, borrowed) as the canonical
 * document a pull returns (a new object): CANONICAL.md's keys with money as
 * decimal text, "id" the linked local id or null, "qbo_id", references both
 * ways ("customer" local or null, "qbo_customer"), "updated" (QBO's
 * LastUpdatedTime); a CDC "Deleted" stub becomes {"id","qbo_id","deleted":true}.
 * find may be NULL (no local ids). */
json_object *qs_map_from_qbo(const char *kind, json_object *row, int decimals, qs_local_fn find, void *ud);

/* The local id of the write-off item ("Bad Debt", kind writeoff's line):
 * mapped with qbo_map('item', '*writeoff', '<Item Id>'), else found or made. */
#define QSM_WRITEOFF_ITEM "*writeoff"

#endif
