/* qs_verify: "Synced is verified": compares the record QBO holds (the entity as
 * QBO answers a read) with the normalised billing document, in integer minor
 * units, never doubles: currency, total, tax total, balance / remaining credit /
 * unapplied amount, and each application of a payment to an invoice. A difference
 * is a verdict with both figures and, when it can be named, its cause and the fix.
 *
 * What is compared, per kind (figures in the document's currency):
 *   customer  CurrencyRef (only when the document names a currency)
 *   item      nothing (an item holds no money)
 *   invoice   CurrencyRef; TotalAmt = total; TxnTaxDetail.TotalTax = tax_total;
 *             Balance = total - credit_applied while QBO shows no linked
 *             transaction, else Balance <= total - credit_applied (payments
 *             linked in QBO lower it further)
 *   payment   CurrencyRef; TotalAmt = amount; per invoice of applies_to the sum
 *             of the QBO lines linked to it = the applied amount, and no QBO line
 *             linked to another invoice except credit applied drawn from it (at
 *             most that invoice's credit_applied, ctx->credit_drawn);
 *             UnappliedAmt = amount - sum applied - credit drawn
 *   refund    CurrencyRef; TotalAmt = amount
 *   credit    CurrencyRef; TotalAmt = amount; Balance (remaining credit) =
 *             amount - sum of applies_to
 *   writeoff  CurrencyRef; TotalAmt = amount; Balance (not yet applied to
 *             the invoice written off) = 0
 * The rounding rule: none beyond the document's own (qs_map.c): the document's
 * total already absorbs the per-line rounding, so QBO's figures must be equal to
 * the minor unit. */
#ifndef QS_VERIFY_H
#define QS_VERIFY_H

#include <json-c/json.h>
#include "qs_map.h"

typedef struct qs_verify_ctx {
	const char *home_currency; /* "USD" */
	bool us_company;
	/* local -> QBO Id of the invoices a payment applies to (qs_ref_cb of qs_map.h) */
	qs_ref_cb resolve;
	void *ud;
	/* payments: for a QBO Invoice the document does not name, how much of
	 * the billing system's credit applied to it may have been drawn from this
	 * payment (qs_engine_credit.c), -1 for none; called only for such lines.
	 * NULL: none may. A status other than QS_OK is returned by qs_verify. */
	qs_status (*credit_drawn)(void *ud, const char *qbo_invoice, qs_money *allowed, qs_error *e);
	void *drawn_ud;
	/* invoices: what the Payments QBO links to the invoice (qbo_invoice, QBO's
	 * record) apply to it by their billing documents, in minor units; -1 when
	 * any link is not a payment of the billing system's (made in QuickBooks, a
	 * credit's application of 0). NULL: not known. A status other than QS_OK
	 * is returned by qs_verify. */
	qs_status (*linked_paid)(void *ud, json_object *qbo_invoice, qs_money *paid, qs_error *e);
	void *paid_ud;
} qs_verify_ctx;

typedef struct qs_verdict {
	bool match;
	char field[48];       /* the first figure that differs: "total", "tax_total", "balance",
	                       * "applies_to[1].amount", "amount", "unapplied", "currency" */
	char qbo[48];         /* QuickBooks' figure as text ("100.00", "EUR") */
	char billing[48];     /* the billing document's figure */
	char reason[1024];    /* "Invoice 1042: QuickBooks total 100.00, billing total 107.00 — <cause>" */
} qs_verdict;

/* Fills *v. QS_OK whatever the verdict; an error status only when a reference
 * cannot be resolved for a reason other than "not in QBO" (e.g. the store). */
qs_status qs_verify(const char *kind, json_object *norm, json_object *qbo, const qs_verify_ctx *ctx,
	qs_verdict *v, qs_error *e);

/* An amount as QBO writes it (JSON number or string: "107", "107.0", "108.25",
 * "1e2") in minor units of a currency with `decimals` decimals. false when it is
 * not a number or has non-zero digits beyond those decimals. NULL reads as 0. */
bool qs_verify_amount(json_object *v, int decimals, qs_money *out);

#endif
