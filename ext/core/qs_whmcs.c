/* qs_whmcs: the WHMCS adapter: the event table, the ids each hook names, and
 * the expansion of an event through the fetch callback (WHMCS's localAPI
 * shapes normalised: lists wrapped twice, a single item not in a list,
 * transactions as "", numbers as strings, zero dates, HTML entities) into
 * canonical documents (shared/CANONICAL.md); reading those shapes is
 * qs_whmcs_shape.c's. No engine, no Zend: the caller pushes what is emitted. */
#include "qs_whmcs.h"
#include "qs_money.h"
#include "qs_whmcs_shape.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ the table */

static const qs_whmcs_event events[] = {
	{"ClientAdd", QS_WA_CUSTOMER, "client_id", "GetClientsDetails", "customer"},
	{"ClientEdit", QS_WA_CUSTOMER, "userid", "GetClientsDetails", "customer"},
	{"ClientClose", QS_WA_CLIENT_GONE, "userid", "GetClientsDetails", "customer (kept in QuickBooks with its history)"},
	{"ClientDelete", QS_WA_CLIENT_GONE, "userid", "", "nothing (the QuickBooks customer keeps its history)"},
	{"PreDeleteClient", QS_WA_CLIENT_GONE, "userid", "", "nothing (the QuickBooks customer keeps its history)"},
	{"InvoiceCreation", QS_WA_NONE, "invoiceid", "", "nothing: the invoice is not final yet (InvoiceCreated sends it; drafts never)"},
	{"InvoiceCreated", QS_WA_INVOICE, "invoiceid", "GetInvoice, GetClientsDetails (GetClientsProducts, GetProducts for hosting lines)", "customer, items (one per product, else per line type), invoice"},
	{"UpdateInvoiceTotal", QS_WA_INVOICE_TXNS, "invoiceid", "GetInvoice, GetClientsDetails (GetClientsProducts, GetProducts for hosting lines), GetTransactions, GetCredits",
		"invoice (updated), payments, refunds (an admin edit of the invoice, a transaction deleted from it too)"},
	{"InvoiceChangeGateway", QS_WA_INVOICE, "invoiceid", "GetInvoice, GetClientsDetails (GetClientsProducts, GetProducts for hosting lines)", "invoice"},
	{"AddInvoiceLateFee", QS_WA_INVOICE, "invoiceid", "GetInvoice, GetClientsDetails (GetClientsProducts, GetProducts for hosting lines)", "invoice (with its late fee line)"},
	{"InvoiceCancelled", QS_WA_INVOICE, "invoiceid", "GetInvoice, GetClientsDetails", "invoice (voided)"},
	{"AddInvoicePayment", QS_WA_INVOICE_TXNS, "invoiceid", "GetInvoice, GetClientsDetails, GetTransactions, GetCredits", "invoice, payments, refunds"},
	{"InvoicePaid", QS_WA_INVOICE_TXNS, "invoiceid", "GetInvoice, GetClientsDetails, GetTransactions, GetCredits", "invoice, payments, refunds"},
	{"InvoiceUnpaid", QS_WA_INVOICE_TXNS, "invoiceid", "GetInvoice, GetClientsDetails, GetTransactions, GetCredits", "invoice, payments, refunds"},
	{"InvoiceRefunded", QS_WA_INVOICE_TXNS, "invoiceid", "GetInvoice, GetClientsDetails, GetTransactions, GetCredits", "invoice, refunds or credits"},
	{"AddTransaction", QS_WA_TRANSACTION, "id,invoiceid,userid", "GetTransactions, GetInvoice, GetClientsDetails, GetCredits",
		"payment (applied to the invoice, to the invoices of a Mass Pay, or unapplied credit for Add Funds), refund, or credit (refund to credit balance)"},
	{"ManualRefund", QS_WA_MANUAL_REFUND, "transid", "GetTransactions, GetInvoice, GetClientsDetails, GetCredits", "refunds of that payment"},
	{"LogTransaction", QS_WA_NONE, "", "", "nothing: a gateway log entry, not a ledger transaction (AddTransaction follows)"},
	{"InvoiceSplit", QS_WA_SPLIT, "originalinvoiceid,newinvoiceid", "GetInvoice, GetClientsDetails", "both invoices"},
	{"AfterCronJob", QS_WA_DRAIN, "", "", "delivers due work (qbo_sync)"},
	{"DailyCronJob", QS_WA_REFERENCE, "", "GetProducts, GetPaymentMethods, GetCurrencies", "items (one per product)"},
};

static const char *const action_names[QS_WA__COUNT] = {
	[QS_WA_NONE] = "none", [QS_WA_CUSTOMER] = "customer", [QS_WA_CLIENT_GONE] = "client_gone",
	[QS_WA_INVOICE] = "invoice", [QS_WA_INVOICE_TXNS] = "invoice_transactions",
	[QS_WA_TRANSACTION] = "transaction", [QS_WA_MANUAL_REFUND] = "manual_refund",
	[QS_WA_SPLIT] = "split", [QS_WA_DRAIN] = "drain", [QS_WA_REFERENCE] = "reference",
};

const qs_whmcs_event *qs_whmcs_event_find(const char *name)
{
	size_t i;
	if (!name) {
		return NULL;
	}
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		if (!strcmp(events[i].name, name)) {
			return &events[i];
		}
	}
	return NULL;
}

const qs_whmcs_event *qs_whmcs_events(size_t *n)
{
	*n = sizeof(events) / sizeof(events[0]);
	return events;
}

const char *qs_whmcs_action_name(qs_whmcs_action a)
{
	return (unsigned)a < QS_WA__COUNT ? action_names[a] : "unknown";
}

/* ------------------------------------------------------------------ ids */

static void put_id(json_object *ids, const char *key, const char *v)
{
	if (v) {
		json_object_object_add(ids, key, json_object_new_string(v));
	}
}

qs_status qs_whmcs_ids(const qs_whmcs_event *ev, json_object *vars, json_object **ids, qs_error *e)
{
	char b1[64], b2[64];
	json_object *o = json_object_new_object();
	*ids = NULL;
	if (!o) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	switch (ev->action) {
	case QS_WA_CUSTOMER:
	case QS_WA_CLIENT_GONE: {
		/* ClientAdd: client_id (userid is the deprecated spelling); the others: userid */
		const char *id = qsw_id(vars, "client_id", b1);
		if (!id) {
			id = qsw_id(vars, "userid", b1);
		}
		if (!id) {
			id = qsw_id(vars, "clientid", b1);
		}
		if (!id) {
			json_object_put(o);
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s: $vars has no client id (client_id or userid); pass the hook's $vars unchanged",
				ev->name);
		}
		put_id(o, "clientid", id);
		break;
	}
	case QS_WA_INVOICE:
	case QS_WA_INVOICE_TXNS: {
		const char *id = qsw_id(vars, "invoiceid", b1);
		if (!id) {
			json_object_put(o);
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s: $vars has no invoiceid; pass the hook's $vars unchanged", ev->name);
		}
		put_id(o, "invoiceid", id);
		break;
	}
	case QS_WA_TRANSACTION: {
		/* the docs spell the invoice key "invocieid"; modules see "invoiceid" */
		const char *id = qsw_id(vars, "id", b1);
		const char *inv = qsw_id(vars, "invoiceid", b2);
		char b3[64];
		if (!inv) {
			inv = qsw_id(vars, "invocieid", b2);
		}
		if (!id) {
			json_object_put(o);
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s: $vars has no transaction id (id); pass the hook's $vars unchanged", ev->name);
		}
		put_id(o, "id", id);
		put_id(o, "invoiceid", inv);
		put_id(o, "userid", qsw_id(vars, "userid", b3));
		break;
	}
	case QS_WA_MANUAL_REFUND: {
		const char *t = qsw_id(vars, "transid", b1);
		if (!t) {
			json_object_put(o);
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s: $vars has no transid; pass the hook's $vars unchanged", ev->name);
		}
		put_id(o, "transid", t);
		break;
	}
	case QS_WA_SPLIT: {
		const char *a = qsw_id(vars, "originalinvoiceid", b1), *b = qsw_id(vars, "newinvoiceid", b2);
		if (!a || !b) {
			json_object_put(o);
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s: $vars needs originalinvoiceid and newinvoiceid; pass the hook's $vars unchanged",
				ev->name);
		}
		put_id(o, "originalinvoiceid", a);
		put_id(o, "newinvoiceid", b);
		break;
	}
	default:
		break;
	}
	*ids = o;
	return QS_OK;
}

/* ------------------------------------------------------------------ expansion */

typedef struct xctx {
	const qs_whmcs_io *io;
	qs_error *e;
	/* the last client and invoice read, so one expansion reads each once */
	char client_id[65];
	json_object *client;
	char cur[4];
	int decimals;
	char inv_id[65];
	json_object *inv;
	json_object *txns_client;   /* GetTransactions of client_id (refund lookups) */
	char txns_client_id[65];
	json_object *credits;       /* GetCredits of client_id */
	char credits_id[65];
	json_object *currencies;    /* GetCurrencies, read once when a client is in a foreign currency */
} xctx;

static void xctx_free(xctx *x)
{
	json_object_put(x->client);
	json_object_put(x->inv);
	json_object_put(x->txns_client);
	json_object_put(x->credits);
	json_object_put(x->currencies);
}

/* One localAPI call; a WHMCS error answer becomes QS_EVALIDATION with its message. */
static qs_status call(xctx *x, const char *cmd, const char *key, const char *val, json_object **out)
{
	json_object *params = json_object_new_object(), *res = NULL;
	char buf[64];
	const char *r, *msg;
	qs_status st;
	*out = NULL;
	if (key) {
		json_object_object_add(params, key, json_object_new_string(val));
	}
	st = x->io->fetch(x->io->fetch_ud, cmd, params, &res, x->e);
	json_object_put(params);
	if (st != QS_OK) {
		json_object_put(res);
		if (x->e && !x->e->message[0]) {
			qs_error_set(x->e, st, "WHMCS %s(%s %s) failed", cmd, key ? key : "", val ? val : "");
		}
		return st;
	}
	if (!res || !json_object_is_type(res, json_type_object)) {
		json_object_put(res);
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS %s(%s %s) answered something that is not an array; check the fetch callable",
			cmd, key ? key : "", val ? val : "");
	}
	r = qsw_str(res, "result", buf);
	if (r && strcasecmp(r, "success") != 0) {
		char b2[64];
		msg = qsw_str(res, "message", b2);
		st = qs_error_set(x->e, QS_EVALIDATION, "WHMCS %s(%s %s): %s", cmd, key ? key : "", val ? val : "",
			msg ? msg : "the command failed");
		json_object_put(res);
		return st;
	}
	*out = res;
	return QS_OK;
}

static json_object *client_obj(json_object *res)
{
	json_object *c = qsw_get(res, "client");
	return c && json_object_is_type(c, json_type_object) ? c : res;
}

static qs_status get_client(xctx *x, const char *id, json_object **client)
{
	json_object *res;
	qs_status st;
	char buf[64];
	const char *code;
	if (x->client && !strcmp(x->client_id, id)) {
		*client = client_obj(x->client);
		return QS_OK;
	}
	if ((st = call(x, "GetClientsDetails", "clientid", id, &res)) != QS_OK) {
		return st;
	}
	json_object_put(x->client);
	x->client = res;
	qs_strlcpy(x->client_id, id, sizeof(x->client_id));
	*client = client_obj(res);
	code = qsw_str(*client, "currency_code", buf);
	x->cur[0] = '\0';
	if (code && strlen(code) == 3) {
		for (int i = 0; i < 3; i++) {
			x->cur[i] = (char)toupper((unsigned char)code[i]);
		}
		x->cur[3] = '\0';
	}
	x->decimals = qs_currency_decimals(x->cur[0] ? x->cur : "USD");
	return QS_OK;
}

/* "1", "1.00000": the default currency's own rate. */
static bool qsw_rate_is_one(const char *s)
{
	const char *p = s;
	while (*p == '0') {
		p++;
	}
	if (*p++ != '1') {
		return false;
	}
	if (*p == '.') {
		p++;
		while (*p == '0') {
			p++;
		}
	}
	return *p == '\0';
}

/* WHMCS keeps a rate as units of the currency per unit of its default currency
 * (tblcurrencies.rate, tblaccounts.rate: EUR "0.92000" when 1 USD = 0.92 EUR);
 * QBO's ExchangeRate is home units per unit of the currency: the inverse, to
 * 6 decimals, rounded half up. false when the text is not a positive rate. */
static bool qbo_rate(const char *whmcs_rate, char out[24])
{
	uint64_t r = 0, inv;
	int frac = -1;
	const char *p;
	if (!whmcs_rate || !*whmcs_rate) {
		return false;
	}
	for (p = whmcs_rate; *p; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
		} else if (*p >= '0' && *p <= '9' && frac < 9 && r < 100000000000ULL) {
			r = r * 10 + (uint64_t)(*p - '0');
			if (frac >= 0) {
				frac++;
			}
		} else if (!(*p >= '0' && *p <= '9')) {
			return false;
		}
	}
	for (frac = frac < 0 ? 0 : frac; frac < 9; frac++) {
		r *= 10;   /* scaled by 1e9 */
	}
	if (r == 0) {
		return false;
	}
	inv = (1000000000000000ULL + r / 2) / r;   /* 1e15 / r = 1e6 / rate */
	if (inv == 0) {
		return false;
	}
	snprintf(out, 24, "%" PRIu64 ".%06" PRIu64, inv / 1000000, inv % 1000000);
	return true;
}

/* The QBO exchange rate of a WHMCS rate (row_rate: a transaction's; NULL: the
 * client's currency's current one from GetCurrencies) into out, "" when none
 * applies: the client is in the home currency, or WHMCS's default currency is
 * not QBO's home currency (then the engine asks QBO for the day's rate). */
static qs_status exchange_rate(xctx *x, const char *row_rate, char out[24])
{
	json_object *list, *tmp = NULL;
	const char *def = NULL, *mine = NULL;
	char b1[64], b2[64], b3[64], b4[64];
	size_t i, n;
	qs_status st;
	out[0] = '\0';
	if (!x->cur[0] || !x->io->home_currency || !strcasecmp(x->cur, x->io->home_currency)) {
		return QS_OK;
	}
	if (!x->currencies && (st = call(x, "GetCurrencies", NULL, NULL, &x->currencies)) != QS_OK) {
		return st;
	}
	list = qsw_list(x->currencies, "currencies", "currency", &tmp);
	n = list ? json_object_array_length(list) : 0;
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(list, i);
		const char *code = qsw_str(c, "code", b1), *d = qsw_str(c, "default", b2), *rate = qsw_str(c, "rate", b3);
		if (code && !strcasecmp(code, x->cur)) {
			mine = rate ? strcpy(b4, rate) : NULL;
		}
		/* the default currency: its flag when WHMCS sends one, else the row at rate 1 */
		if (code && ((d && !strcmp(d, "1")) || (!def && rate && qsw_rate_is_one(rate)))) {
			def = x->io->home_currency && !strcasecmp(code, x->io->home_currency) ? x->io->home_currency : "";
			if (d && !strcmp(d, "1")) {
				break;
			}
		}
	}
	for (; i < n && !mine; i++) {
		json_object *c = json_object_array_get_idx(list, i);
		const char *code = qsw_str(c, "code", b1), *rate = qsw_str(c, "rate", b3);
		if (code && !strcasecmp(code, x->cur)) {
			mine = rate ? strcpy(b4, rate) : NULL;
		}
	}
	json_object_put(tmp);
	if (!def || !*def) {
		return QS_OK;
	}
	if (row_rate && *row_rate && !qsw_rate_is_one(row_rate)) {
		mine = row_rate;
	}
	if (mine && !qbo_rate(mine, out)) {
		out[0] = '\0';
	}
	return QS_OK;
}

static qs_status get_invoice(xctx *x, const char *id, json_object **inv)
{
	json_object *res;
	qs_status st;
	if (x->inv && !strcmp(x->inv_id, id)) {
		*inv = x->inv;
		return QS_OK;
	}
	if ((st = call(x, "GetInvoice", "invoiceid", id, &res)) != QS_OK) {
		return st;
	}
	json_object_put(x->inv);
	x->inv = res;
	qs_strlcpy(x->inv_id, id, sizeof(x->inv_id));
	*inv = res;
	return QS_OK;
}

static void add_text(json_object *doc, const char *key, const char *raw)
{
	char *t = qs_whmcs_text(raw);
	if (t && *t) {
		json_object_object_add(doc, key, json_object_new_string(t));
	}
	free(t);
}

static void add_money(json_object *doc, const char *key, qs_money m, int decimals)
{
	char buf[40];
	qs_money_format(m, decimals, buf, sizeof(buf));
	json_object_object_add(doc, key, json_object_new_string(buf));
}

static qs_status emit(xctx *x, const char *kind, json_object *doc)
{
	qs_status st = x->io->emit(x->io->ud, kind, doc, x->e);
	json_object_put(doc);
	return st;
}

static void skip(xctx *x, const char *kind, const char *id, const char *reason)
{
	if (x->io->skip) {
		x->io->skip(x->io->ud, kind, id, reason);
	}
}

/* client -> customer */
static qs_status emit_customer(xctx *x, const char *id)
{
	json_object *c, *doc, *addr;
	char buf[64], b2[64];
	const char *country;
	qs_status st = get_client(x, id, &c);
	if (st != QS_OK) {
		return st;
	}
	doc = json_object_new_object();
	json_object_object_add(doc, "id", json_object_new_string(id));
	add_text(doc, "email", qsw_str(c, "email", buf));
	add_text(doc, "first_name", qsw_str(c, "firstname", buf));
	add_text(doc, "last_name", qsw_str(c, "lastname", buf));
	add_text(doc, "company", qsw_str(c, "companyname", buf));
	add_text(doc, "phone", qsw_str(c, "phonenumber", buf));
	addr = json_object_new_object();
	add_text(addr, "line1", qsw_str(c, "address1", buf));
	add_text(addr, "line2", qsw_str(c, "address2", buf));
	add_text(addr, "city", qsw_str(c, "city", buf));
	add_text(addr, "region", qsw_str(c, "statecode", buf) ? qsw_str(c, "statecode", buf) : qsw_str(c, "state", buf));
	add_text(addr, "postal_code", qsw_str(c, "postcode", buf));
	country = qsw_str(c, "countrycode", b2) ? qsw_str(c, "countrycode", b2) : qsw_str(c, "country", b2);
	add_text(addr, "country", country);
	if (json_object_object_length(addr) > 0) {
		json_object_object_add(doc, "address", addr);
	} else {
		json_object_put(addr);
	}
	if (x->cur[0]) {
		json_object_object_add(doc, "currency", json_object_new_string(x->cur));
	}
	if (qsw_flag(c, "taxexempt")) {
		json_object_object_add(doc, "tax_exempt", json_object_new_boolean(1));
	}
	return emit(x, "customer", doc);
}

/* What an invoice is, from its lines. */
typedef enum { INV_NORMAL, INV_ADDFUNDS, INV_MASSPAY } inv_class;

static inv_class classify(json_object *inv)
{
	json_object *tmp, *items = qsw_list(inv, "items", "item", &tmp);
	size_t i, n = json_object_array_length(items), addfunds = 0, masspay = 0;
	char buf[64];
	for (i = 0; i < n; i++) {
		const char *t = qsw_str(json_object_array_get_idx(items, i), "type", buf);
		if (t && !strcmp(t, "AddFunds")) {
			addfunds++;
		} else if (t && !strcmp(t, "Invoice")) {
			masspay++;
		}
	}
	json_object_put(tmp);
	if (n > 0 && addfunds == n) {
		return INV_ADDFUNDS;
	}
	return masspay > 0 ? INV_MASSPAY : INV_NORMAL;
}

/* tblinvoiceitems.type -> the item a line books to, and the line's kind. */
typedef struct line_type {
	const char *type;
	const char *item;    /* the local item id the line books to */
	const char *name;
	const char *kind;
} line_type;

static const line_type line_types[] = {
	{"Hosting", "whmcs-hosting", "Hosting", "sale"},
	{"Domain", "whmcs-domain", "Domain", "sale"},
	{"DomainRegister", "whmcs-domain", "Domain", "sale"},
	{"DomainTransfer", "whmcs-domain", "Domain", "sale"},
	{"DomainRenew", "whmcs-domain", "Domain", "sale"},
	{"DomainAddonDNS", "whmcs-domain-addon", "Domain add-on", "sale"},
	{"DomainAddonEMF", "whmcs-domain-addon", "Domain add-on", "sale"},
	{"DomainAddonIDP", "whmcs-domain-addon", "Domain add-on", "sale"},
	{"Addon", "whmcs-addon", "Product add-on", "sale"},
	{"Setup", "whmcs-setup", "Setup fee", "sale"},
	{"Upgrade", "whmcs-upgrade", "Upgrade", "sale"},
	{"Item", "whmcs-billable", "Billable item", "sale"},
	{"LateFee", "whmcs-late-fee", "Late fee", "late_fee"},
	{"AddFunds", "whmcs-add-funds", "Account funds", "sale"},
	/* promotions and discounts are negative lines on an item of their own, not a
	 * QBO discount line: QBO taxes the undiscounted lines when a discount line is
	 * used, WHMCS taxes the promoted price */
	{"PromoHosting", "whmcs-promotion", "Promotion", "sale"},
	{"PromoDomain", "whmcs-promotion", "Promotion", "sale"},
	{"GroupDiscount", "whmcs-discount", "Client group discount", "sale"},
};
static const line_type other_type = {"", "whmcs-other", "Other", "sale"};

static const line_type *line_type_of(const char *t)
{
	size_t i;
	for (i = 0; t && i < sizeof(line_types) / sizeof(line_types[0]); i++) {
		if (!strcmp(line_types[i].type, t)) {
			return &line_types[i];
		}
	}
	return &other_type;
}

static qs_status emit_item(xctx *x, const char *id, const char *name)
{
	json_object *doc = json_object_new_object();
	json_object_object_add(doc, "id", json_object_new_string(id));
	json_object_object_add(doc, "name", json_object_new_string(name));
	return emit(x, "item", doc);
}

/* The local tax id of a WHMCS tax level and rate: "whmcs-tax1-8.25". */
static void tax_id(char out[48], int level, int64_t rate_e4)
{
	char r[32];
	qs_decimal4_format(rate_e4, r, sizeof(r));
	snprintf(out, 48, "whmcs-tax%d-%s", level, r);
}

static const char *status_of(const char *s)
{
	if (!s) {
		return "unpaid";
	}
	if (!strcasecmp(s, "Draft")) {
		return "draft";
	}
	if (!strcasecmp(s, "Paid")) {
		return "paid";
	}
	if (!strcasecmp(s, "Cancelled")) {
		return "cancelled";
	}
	if (!strcasecmp(s, "Refunded")) {
		return "refunded";
	}
	if (!strcasecmp(s, "Collections")) {
		return "collections";
	}
	return "unpaid";   /* Unpaid, Payment Pending, Overdue */
}

static qs_status rate_of(xctx *x, json_object *inv, const char *key, int64_t *out)
{
	char buf[64];
	const char *s = qsw_str(inv, key, buf);
	size_t n;
	*out = 0;
	if (!s || !(n = strlen(s))) {
		return QS_OK;
	}
	/* "8.250" -> at most 4 decimals: trailing zeros beyond them dropped */
	{
		char t[64];
		qs_strlcpy(t, s, sizeof(t));
		n = strlen(t);
		if (strchr(t, '.')) {
			while (n > 0 && t[n - 1] == '0') {
				t[--n] = '\0';
			}
			if (n > 0 && t[n - 1] == '.') {
				t[--n] = '\0';
			}
		}
		if (qs_decimal4_parse(t, n, out, x->e) != QS_OK) {
			return qs_error_set(x->e, QS_EVALIDATION, "WHMCS invoice %s %s is not a tax rate", key, s);
		}
	}
	return QS_OK;
}

/* A product's item document (as DailyCronJob emits it): whmcs-product-<pid>. */
static json_object *product_doc(json_object *p, char id[48])
{
	char buf[64], b2[64];
	const char *pid = qsw_id(p, "pid", buf);
	char *name;
	json_object *doc;
	if (!pid) {
		return NULL;
	}
	name = qs_whmcs_text(qsw_str(p, "name", b2));
	if (!name || !*name) {
		free(name);
		return NULL;
	}
	snprintf(id, 48, "whmcs-product-%s", pid);
	doc = json_object_new_object();
	json_object_object_add(doc, "id", json_object_new_string(id));
	json_object_object_add(doc, "name", json_object_new_string(name));
	free(name);
	add_text(doc, "description", qsw_str(p, "description", b2));
	return doc;
}

/* The item a Hosting line of service relid books to: its product's
 * (GetClientsProducts serviceid -> pid, GetProducts pid -> the item, emitted),
 * into id; "" when WHMCS does not know the service or product (the line then
 * books to its line type's item). Another fetch failure is returned. */
static qs_status product_item(xctx *x, const char *relid, char id[48])
{
	json_object *res = NULL, *list, *tmp = NULL, *doc = NULL;
	char buf[64], pid[64];
	const char *v;
	qs_status st;
	id[0] = '\0';
	st = call(x, "GetClientsProducts", "serviceid", relid, &res);
	if (st == QS_EVALIDATION) {
		qs_error_clear(x->e);
		return QS_OK;
	}
	if (st != QS_OK) {
		return st;
	}
	list = qsw_list(res, "products", "product", &tmp);
	v = list && json_object_array_length(list) > 0 ? qsw_id(json_object_array_get_idx(list, 0), "pid", buf) : NULL;
	qs_strlcpy(pid, v ? v : "", sizeof(pid));
	json_object_put(tmp);
	json_object_put(res);
	if (!pid[0]) {
		return QS_OK;
	}
	res = NULL;
	tmp = NULL;
	st = call(x, "GetProducts", "pid", pid, &res);
	if (st == QS_EVALIDATION) {
		qs_error_clear(x->e);
		return QS_OK;
	}
	if (st != QS_OK) {
		return st;
	}
	list = qsw_list(res, "products", "product", &tmp);
	if (list && json_object_array_length(list) > 0) {
		doc = product_doc(json_object_array_get_idx(list, 0), id);
	}
	json_object_put(tmp);
	json_object_put(res);
	if (!doc) {
		id[0] = '\0';
		return QS_OK;
	}
	return emit(x, "item", doc);
}


/* An invoice in Collections is written off: its open balance (GetInvoice
 * balance) becomes a write-off of the same id, without a date (WHMCS keeps
 * none: the engine dates it the day it is first recorded, and keeps that
 * date while the write-off stands, qse_writeoff_date). WHMCS has no
 * write-off of its own and no status-change hook; the invoice reaches
 * Collections by an admin's edit (UpdateInvoiceTotal, LIKELY) or a payment
 * reversal, and leaves it (reopened, paid, cancelled) the same way: the
 * engine then deletes the write-off in QBO (qs_engine_hook.c). */
static qs_status emit_writeoff(xctx *x, json_object *inv, const char *id)
{
	json_object *doc;
	qs_money balance;
	char b[64], reason[160];
	const char *num = qsw_str(inv, "invoicenum", b);
	qs_status st;
	if (!qsw_get(inv, "balance")) {
		skip(x, "writeoff", id, "WHMCS's invoice in Collections has no balance in GetInvoice: nothing is written off");
		return QS_OK;
	}
	if ((st = qsw_money(inv, "balance", x->decimals, &balance, "invoice", x->e)) != QS_OK) {
		qs_error_record(x->e, "invoice", id);
		return st;
	}
	if (balance <= 0) {
		skip(x, "writeoff", id, "An invoice in Collections with nothing left to pay: nothing to write off");
		return QS_OK;
	}
	snprintf(reason, sizeof(reason), "WHMCS invoice %.64s moved to Collections", num && *num ? num : id);
	doc = json_object_new_object();
	json_object_object_add(doc, "id", json_object_new_string(id));
	json_object_object_add(doc, "customer", json_object_new_string(x->client_id));
	json_object_object_add(doc, "invoice", json_object_new_string(id));
	add_money(doc, "amount", balance, x->decimals);
	json_object_object_add(doc, "reason", json_object_new_string(reason));
	if (x->cur[0]) {
		char xr[24];
		json_object_object_add(doc, "currency", json_object_new_string(x->cur));
		if ((st = exchange_rate(x, NULL, xr)) != QS_OK) {
			json_object_put(doc);
			return st;
		}
		if (xr[0]) {
			json_object_object_add(doc, "exchange_rate", json_object_new_string(xr));
		}
	}
	return emit(x, "writeoff", doc);
}

/* GetInvoice -> customer, items, invoice (or a skip note). */
static qs_status emit_invoice(xctx *x, const char *id)
{
	json_object *inv, *c, *doc, *lines, *tmp, *items, *taxes;
	char buf[64], b2[64], d[11];
	const char *userid, *status;
	qs_money subtotal, tax1, tax2, credit;
	int64_t r1, r2;
	size_t i, n;
	qs_status st;
	inv_class cls;
	const char *done_items[sizeof(line_types) / sizeof(line_types[0]) + 1];
	size_t ndone = 0;
	char (*line_item)[48] = NULL;   /* per line: its product's item, "" for its line type's */

	if ((st = get_invoice(x, id, &inv)) != QS_OK) {
		return st;
	}
	userid = qsw_id(inv, "userid", b2);
	if (!userid) {
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS invoice %s has no userid", id);
	}
	{
		char uid[65];
		qs_strlcpy(uid, userid, sizeof(uid));
		if ((st = emit_customer(x, uid)) != QS_OK) {
			return st;
		}
		if ((st = get_client(x, uid, &c)) != QS_OK) {
			return st;
		}
	}
	(void)c;
	/* the customer emission may have replaced nothing of inv: it is cached apart */
	status = status_of(qsw_str(inv, "status", buf));
	cls = classify(inv);
	if (!strcmp(status, "draft")) {
		skip(x, "invoice", id, "A draft invoice is not sent to QuickBooks until it is published");
		return QS_OK;
	}
	if (cls == INV_ADDFUNDS) {
		skip(x, "invoice", id, "An Add Funds invoice is not income: its payment becomes the client's account credit in QuickBooks (an unapplied payment)");
		return QS_OK;
	}
	if (cls == INV_MASSPAY) {
		skip(x, "invoice", id, "A Mass Pay invoice is not sent: its payment is applied to the invoices it combines");
		return QS_OK;
	}
	if ((st = qsw_money(inv, "subtotal", x->decimals, &subtotal, "invoice", x->e)) != QS_OK ||
		(st = qsw_money(inv, "tax", x->decimals, &tax1, "invoice", x->e)) != QS_OK ||
		(st = qsw_money(inv, "tax2", x->decimals, &tax2, "invoice", x->e)) != QS_OK ||
		(st = qsw_money(inv, "credit", x->decimals, &credit, "invoice", x->e)) != QS_OK ||
		(st = rate_of(x, inv, "taxrate", &r1)) != QS_OK ||
		(st = rate_of(x, inv, "taxrate2", &r2)) != QS_OK) {
		qs_error_record(x->e, "invoice", id);
		return st;
	}
	items = qsw_list(inv, "items", "item", &tmp);
	n = json_object_array_length(items);
	line_item = calloc(n ? n : 1, sizeof(*line_item));
	if (!line_item) {
		json_object_put(tmp);
		return qs_error_set(x->e, QS_EINTERNAL, "Out of memory");
	}
	/* the items first: a Hosting line's product (one item per WHMCS product),
	 * else one per line type (the fallback item of that type) */
	for (i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(items, i);
		const line_type *lt = line_type_of(qsw_str(it, "type", buf));
		char rb[64];
		const char *relid = qsw_id(it, "relid", rb);
		size_t k;
		bool seen = false;
		if (!strcmp(lt->type, "Hosting") && relid && strcmp(relid, "0")) {
			for (k = 0; k < i && !line_item[i][0]; k++) {
				char ob[64];
				const char *other = qsw_id(json_object_array_get_idx(items, k), "relid", ob);
				if (line_item[k][0] && other && !strcmp(other, relid)) {
					memcpy(line_item[i], line_item[k], sizeof(line_item[i]));
				}
			}
			if (!line_item[i][0] && (st = product_item(x, relid, line_item[i])) != QS_OK) {
				free(line_item);
				json_object_put(tmp);
				return st;
			}
			if (line_item[i][0]) {
				continue;
			}
		}
		if (!lt->item) {
			continue;
		}
		for (k = 0; k < ndone; k++) {
			seen |= !strcmp(done_items[k], lt->item);
		}
		if (!seen) {
			done_items[ndone++] = lt->item;
			if ((st = emit_item(x, lt->item, lt->name)) != QS_OK) {
				free(line_item);
				json_object_put(tmp);
				return st;
			}
		}
	}
	doc = json_object_new_object();
	json_object_object_add(doc, "id", json_object_new_string(id));
	json_object_object_add(doc, "customer", json_object_new_string(x->client_id));
	{
		const char *num = qsw_str(inv, "invoicenum", buf);
		char *t = qs_whmcs_text(num);
		json_object_object_add(doc, "number", json_object_new_string(t && *t ? t : id));
		free(t);
	}
	if (qsw_date(inv, "date", d)) {
		json_object_object_add(doc, "date", json_object_new_string(d));
	}
	if (qsw_date(inv, "duedate", d)) {
		json_object_object_add(doc, "due", json_object_new_string(d));
	}
	json_object_object_add(doc, "status", json_object_new_string(status));
	if (x->cur[0]) {
		char xr[24];
		json_object_object_add(doc, "currency", json_object_new_string(x->cur));
		if ((st = exchange_rate(x, NULL, xr)) != QS_OK) {
			free(line_item);
			json_object_put(tmp);
			json_object_put(doc);
			return st;
		}
		if (xr[0]) {
			json_object_object_add(doc, "exchange_rate", json_object_new_string(xr));
		}
	}
	lines = json_object_new_array();
	json_object_object_add(doc, "lines", lines);
	for (i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(items, i), *ln = json_object_new_object();
		const line_type *lt = line_type_of(qsw_str(it, "type", buf));
		qs_money amt;
		const char *kind = lt->kind;
		json_object_array_add(lines, ln);
		if ((st = qsw_money(it, "amount", x->decimals, &amt, "invoice item", x->e)) != QS_OK) {
			free(line_item);
			json_object_put(tmp);
			json_object_put(doc);
			qs_error_record(x->e, "invoice", id);
			return st;
		}
		if (line_item[i][0]) {
			json_object_object_add(ln, "item", json_object_new_string(line_item[i]));
		} else if (lt->item) {
			json_object_object_add(ln, "item", json_object_new_string(lt->item));
		}
		add_text(ln, "description", qsw_str(it, "description", b2));
		add_money(ln, "amount", amt, x->decimals);
		json_object_object_add(ln, "taxable", json_object_new_boolean(qsw_flag(it, "taxed")));
		json_object_object_add(ln, "kind", json_object_new_string(kind));
	}
	free(line_item);
	json_object_put(tmp);
	taxes = json_object_new_array();
	if (tax1 != 0) {
		json_object *t = json_object_new_object();
		char tid[48], rt[32];
		tax_id(tid, 1, r1);
		qs_decimal4_format(r1, rt, sizeof(rt));
		json_object_object_add(t, "tax", json_object_new_string(tid));
		json_object_object_add(t, "rate", json_object_new_string(rt));
		add_money(t, "amount", tax1, x->decimals);
		json_object_array_add(taxes, t);
	}
	if (tax2 != 0) {
		json_object *t = json_object_new_object();
		char tid[48], rt[32];
		tax_id(tid, 2, r2);
		qs_decimal4_format(r2, rt, sizeof(rt));
		json_object_object_add(t, "tax", json_object_new_string(tid));
		json_object_object_add(t, "rate", json_object_new_string(rt));
		add_money(t, "amount", tax2, x->decimals);
		json_object_array_add(taxes, t);
	}
	if (json_object_array_length(taxes) > 0) {
		json_object_object_add(doc, "taxes", taxes);
	} else {
		json_object_put(taxes);
	}
	if (credit > 0) {
		add_money(doc, "credit_applied", credit, x->decimals);
	}
	/* the gross total from its parts, whichever way WHMCS's total treats credit */
	add_money(doc, "subtotal", subtotal, x->decimals);
	add_money(doc, "tax_total", tax1 + tax2, x->decimals);
	add_money(doc, "total", subtotal + tax1 + tax2, x->decimals);
	if ((st = emit(x, "invoice", doc)) != QS_OK) {
		return st;
	}
	return !strcmp(status, "collections") ? emit_writeoff(x, inv, id) : QS_OK;
}

static qs_status get_client_txns(xctx *x, const char *clientid, json_object **list, json_object **tmp)
{
	qs_status st;
	*tmp = NULL;
	if (!x->txns_client || strcmp(x->txns_client_id, clientid) != 0) {
		json_object *res;
		if ((st = call(x, "GetTransactions", "clientid", clientid, &res)) != QS_OK) {
			return st;
		}
		json_object_put(x->txns_client);
		x->txns_client = res;
		qs_strlcpy(x->txns_client_id, clientid, sizeof(x->txns_client_id));
	}
	*list = qsw_list(x->txns_client, "transactions", "transaction", tmp);
	return QS_OK;
}

/* Whether a row of the credit log or of the transactions is of that invoice
 * (inv NULL: any), amount and day (d "": any). */
static bool same_refund(xctx *x, json_object *r, const char *amount_key, const char *inv_key, const char *inv,
	qs_money amount, const char *d)
{
	char rb[64], d2[11];
	const char *ri = qsw_id(r, inv_key, rb);
	qs_money a;
	qs_error e2;
	qs_error_clear(&e2);
	if (qsw_money(r, amount_key, x->decimals, &a, "credit", &e2) != QS_OK || a != amount) {
		return false;
	}
	if (inv && (!ri || strcmp(ri, inv) != 0)) {
		return false;
	}
	return !(d[0] && qsw_date(r, "date", d2) && strcmp(d, d2) != 0);
}

/* Whether a refund row went to the client's credit balance: the credit log
 * holds a "refund" row for the same invoice, amount and day. Such a row
 * stands for one refund: when several refunds of that invoice, amount and day
 * are in WHMCS (one to credit, one paid back by hand), a refund already
 * recorded keeps its kind, and a new one is a credit note only while the
 * credit log holds more such rows than the other refunds recorded as credit
 * notes take. */
static qs_status refund_to_credit(xctx *x, json_object *row, const char *clientid, qs_money amount, bool *yes)
{
	json_object *tmp, *list, *res;
	char buf[64], b2[64], b3[64], d[11];
	const char *inv = qsw_id(row, "invoiceid", b2), *id = qsw_id(row, "id", b3);
	size_t i, n, credits = 0, taken = 0;
	qs_status st;
	*yes = false;
	if (!x->credits || strcmp(x->credits_id, clientid) != 0) {
		if ((st = call(x, "GetCredits", "clientid", clientid, &res)) != QS_OK) {
			return st;
		}
		json_object_put(x->credits);
		x->credits = res;
		qs_strlcpy(x->credits_id, clientid, sizeof(x->credits_id));
	}
	if (!qsw_date(row, "date", d)) {
		d[0] = '\0';
	}
	list = qsw_list(x->credits, "credits", "credit", &tmp);
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(list, i);
		const char *desc = qsw_str(c, "description", buf);
		if (desc && strcasestr(desc, "refund") && same_refund(x, c, "amount", "relid", inv, amount, d)) {
			credits++;
		}
	}
	json_object_put(tmp);
	if (credits == 0 || !x->io->recorded || !id) {
		*yes = credits > 0;
		return QS_OK;
	}
	if (x->io->recorded(x->io->recorded_ud, "credit", id)) {
		*yes = true;
		return QS_OK;
	}
	if (x->io->recorded(x->io->recorded_ud, "refund", id)) {
		return QS_OK;
	}
	/* the other refunds of that invoice, amount and day already taken as credit notes */
	if ((st = get_client_txns(x, clientid, &list, &tmp)) != QS_OK) {
		return st;
	}
	n = list ? json_object_array_length(list) : 0;
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(list, i);
		const char *tid = qsw_id(t, "id", buf);
		if (tid && strcmp(tid, id) != 0 && same_refund(x, t, "amountout", "invoiceid", inv, amount, d)
				&& x->io->recorded(x->io->recorded_ud, "credit", tid)) {
			taken++;
		}
	}
	json_object_put(tmp);
	*yes = credits > taken;
	return QS_OK;
}

/* One tblaccounts row -> payment, refund or credit. */
static qs_status emit_transaction(xctx *x, json_object *row)
{
	char b1[64], b2[64], b3[64], b4[64], d[11], uid[65], tid[65];
	const char *id = qsw_id(row, "id", b1), *userid = qsw_id(row, "userid", b2), *inv = qsw_id(row, "invoiceid", b3);
	const char *gateway = qsw_str(row, "gateway", b4);
	qs_money in, out, fees;
	json_object *doc, *invj = NULL;
	qs_status st;
	inv_class cls = INV_NORMAL;
	char invid[65];

	if (!id) {
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS transaction row has no id");
	}
	qs_strlcpy(tid, id, sizeof(tid));
	invid[0] = '\0';
	if (inv) {
		qs_strlcpy(invid, inv, sizeof(invid));
	}
	if (!userid && invid[0]) {
		/* a transaction without a user: the invoice's client */
		if ((st = get_invoice(x, invid, &invj)) != QS_OK) {
			return st;
		}
		userid = qsw_id(invj, "userid", b2);
	}
	if (!userid) {
		skip(x, "payment", tid, "A transaction of no client (WHMCS currency transaction) is not sent to QuickBooks");
		return QS_OK;
	}
	qs_strlcpy(uid, userid, sizeof(uid));
	if ((st = emit_customer(x, uid)) != QS_OK) {
		return st;
	}
	if ((st = qsw_money(row, "amountin", x->decimals, &in, "transaction", x->e)) != QS_OK ||
		(st = qsw_money(row, "amountout", x->decimals, &out, "transaction", x->e)) != QS_OK ||
		(st = qsw_money(row, "fees", x->decimals, &fees, "transaction", x->e)) != QS_OK) {
		qs_error_record(x->e, "payment", tid);
		return st;
	}
	if (!qsw_date(row, "date", d)) {
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS transaction %s has no date", tid);
	}
	if (invid[0]) {
		if ((st = get_invoice(x, invid, &invj)) != QS_OK) {
			return st;
		}
		cls = classify(invj);
	}
	if (in > 0) {
		json_object *ap = json_object_new_array();
		if (invid[0] && cls == INV_NORMAL) {
			qs_money gross = 0, t1 = 0, t2 = 0;
			json_object *a;
			if ((st = emit_invoice(x, invid)) != QS_OK) {
				json_object_put(ap);
				return st;
			}
			/* emit_invoice may have read the invoice again: take it from the cache */
			invj = x->inv;
			qsw_money(invj, "subtotal", x->decimals, &gross, "invoice", NULL);
			qsw_money(invj, "tax", x->decimals, &t1, "invoice", NULL);
			qsw_money(invj, "tax2", x->decimals, &t2, "invoice", NULL);
			gross += t1 + t2;
			if (strcmp(status_of(qsw_str(invj, "status", b4)), "draft") != 0) {
				a = json_object_new_object();
				json_object_object_add(a, "invoice", json_object_new_string(invid));
				add_money(a, "amount", in < gross ? in : gross, x->decimals);
				json_object_array_add(ap, a);
			}
		} else if (invid[0] && cls == INV_MASSPAY) {
			/* the payment lands on the invoices the Mass Pay invoice combines */
			json_object *tmp, *items;
			size_t i, n;
			qs_money left = in;
			json_object *mp = json_object_get(invj);
			char child[65];
			items = qsw_list(mp, "items", "item", &tmp);
			n = json_object_array_length(items);
			for (i = 0; i < n && left > 0; i++) {
				json_object *it = json_object_array_get_idx(items, i), *a;
				char cb[64];
				const char *t = qsw_str(it, "type", cb);
				const char *rel;
				qs_money amt = 0;
				if (!t || strcmp(t, "Invoice") != 0) {
					continue;
				}
				rel = qsw_id(it, "relid", cb);
				if (!rel) {
					continue;
				}
				qs_strlcpy(child, rel, sizeof(child));
				qsw_money(it, "amount", x->decimals, &amt, "invoice item", NULL);
				if ((st = emit_invoice(x, child)) != QS_OK) {
					json_object_put(tmp);
					json_object_put(mp);
					json_object_put(ap);
					return st;
				}
				a = json_object_new_object();
				json_object_object_add(a, "invoice", json_object_new_string(child));
				add_money(a, "amount", amt < left ? amt : left, x->decimals);
				json_object_array_add(ap, a);
				left -= amt < left ? amt : left;
			}
			json_object_put(tmp);
			json_object_put(mp);
		}
		/* INV_ADDFUNDS or no invoice: unapplied, the client's account credit */
		doc = json_object_new_object();
		json_object_object_add(doc, "id", json_object_new_string(tid));
		json_object_object_add(doc, "customer", json_object_new_string(uid));
		json_object_object_add(doc, "date", json_object_new_string(d));
		add_money(doc, "amount", in, x->decimals);
		json_object_object_add(doc, "method", json_object_new_string(gateway && *gateway ? gateway : "whmcs"));
		add_text(doc, "reference", qsw_str(row, "transid", b4));
		if (fees > 0) {
			add_money(doc, "fee", fees, x->decimals);
		}
		if (x->cur[0]) {
			char xr[24];
			json_object_object_add(doc, "currency", json_object_new_string(x->cur));
			if ((st = exchange_rate(x, qsw_str(row, "rate", b4), xr)) != QS_OK) {
				json_object_put(doc);
				json_object_put(ap);
				return st;
			}
			if (xr[0]) {
				json_object_object_add(doc, "exchange_rate", json_object_new_string(xr));
			}
		}
		if (json_object_array_length(ap) > 0) {
			json_object_object_add(doc, "applies_to", ap);
		} else {
			json_object_put(ap);
		}
		return emit(x, "payment", doc);
	}
	if (out > 0) {
		bool to_credit = false;
		char rb[64];
		const char *refunds = qsw_id(row, "refundid", rb);
		if ((st = refund_to_credit(x, row, uid, out, &to_credit)) != QS_OK) {
			return st;
		}
		doc = json_object_new_object();
		json_object_object_add(doc, "id", json_object_new_string(tid));
		json_object_object_add(doc, "customer", json_object_new_string(uid));
		json_object_object_add(doc, "date", json_object_new_string(d));
		add_money(doc, "amount", out, x->decimals);
		if (x->cur[0]) {
			char xr[24], rateb[64];
			json_object_object_add(doc, "currency", json_object_new_string(x->cur));
			/* a refund row carries the rate of the payment it refunds */
			if ((st = exchange_rate(x, qsw_str(row, "rate", rateb), xr)) != QS_OK) {
				json_object_put(doc);
				return st;
			}
			if (xr[0]) {
				json_object_object_add(doc, "exchange_rate", json_object_new_string(xr));
			}
		}
		if (to_credit) {
			/* the money stays with the business as the client's credit: a credit note */
			char reason[160];
			snprintf(reason, sizeof(reason), "Refund to credit balance%s%s", invid[0] ? " of invoice " : "", invid);
			json_object_object_add(doc, "reason", json_object_new_string(reason));
			return emit(x, "credit", doc);
		}
		if (refunds) {
			json_object_object_add(doc, "refunds", json_object_new_string(refunds));
		}
		if (invid[0] && cls == INV_NORMAL) {
			json_object_object_add(doc, "invoice", json_object_new_string(invid));
		}
		if (gateway && *gateway) {
			json_object_object_add(doc, "method", json_object_new_string(gateway));
		}
		add_text(doc, "reference", qsw_str(row, "transid", b4));
		return emit(x, "refund", doc);
	}
	skip(x, "payment", tid, "A transaction of no amount is not sent to QuickBooks");
	return QS_OK;
}

/* The tblaccounts row with this id: from the invoice's transactions when the
 * invoice is known, else from the client's (the transaction's own row); *row
 * NULL when neither list has it (deleted in WHMCS). */
static qs_status find_txn(xctx *x, const char *id, const char *invoiceid, const char *userid, json_object **row, json_object **hold)
{
	json_object *res = NULL, *tmp, *list;
	size_t i, n;
	char buf[64];
	qs_status st;
	*row = NULL;
	*hold = NULL;
	if (invoiceid) {
		st = call(x, "GetTransactions", "invoiceid", invoiceid, &res);
	} else if (userid) {
		st = call(x, "GetTransactions", "clientid", userid, &res);
	} else {
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS transaction %s: $vars names neither its invoice nor its client", id);
	}
	if (st != QS_OK) {
		return st;
	}
	list = qsw_list(res, "transactions", "transaction", &tmp);
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		json_object *r = json_object_array_get_idx(list, i);
		const char *rid = qsw_id(r, "id", buf);
		if (rid && !strcmp(rid, id)) {
			*row = json_object_get(r);
			break;
		}
	}
	json_object_put(tmp);
	json_object_put(res);
	if (!*row && invoiceid && userid) {
		/* recorded against another invoice than $vars said: look at the client's */
		return find_txn(x, id, NULL, userid, row, hold);
	}
	*hold = *row;
	return QS_OK;
}

static qs_status expand_invoice_txns(xctx *x, const char *invoiceid)
{
	json_object *res, *tmp, *list, *inv;
	size_t i, n;
	qs_status st;
	if ((st = get_invoice(x, invoiceid, &inv)) != QS_OK) {
		return st;
	}
	if (classify(inv) == INV_MASSPAY) {
		/* the combined invoices' states follow the Mass Pay payment */
		json_object *tmp2, *items, *mp = json_object_get(inv);
		char buf[64], child[65];
		items = qsw_list(mp, "items", "item", &tmp2);
		n = json_object_array_length(items);
		for (i = 0; i < n; i++) {
			json_object *it = json_object_array_get_idx(items, i);
			const char *t = qsw_str(it, "type", buf), *rel;
			if (!t || strcmp(t, "Invoice") != 0 || !(rel = qsw_id(it, "relid", buf))) {
				continue;
			}
			qs_strlcpy(child, rel, sizeof(child));
			if ((st = emit_invoice(x, child)) != QS_OK) {
				json_object_put(tmp2);
				json_object_put(mp);
				return st;
			}
		}
		json_object_put(tmp2);
		json_object_put(mp);
	}
	if ((st = emit_invoice(x, invoiceid)) != QS_OK) {
		return st;
	}
	if ((st = call(x, "GetTransactions", "invoiceid", invoiceid, &res)) != QS_OK) {
		return st;
	}
	list = qsw_list(res, "transactions", "transaction", &tmp);
	n = json_object_array_length(list);
	st = QS_OK;
	for (i = 0; i < n && st == QS_OK; i++) {
		st = emit_transaction(x, json_object_array_get_idx(list, i));
	}
	json_object_put(tmp);
	json_object_put(res);
	return st;
}

static qs_status expand_manual_refund(xctx *x, const char *transid, char main_id[65])
{
	json_object *res, *tmp, *list, *orig = NULL, *ctmp, *clist;
	char buf[64], oid[65], uid[65];
	size_t i, n;
	qs_status st;
	if ((st = call(x, "GetTransactions", "transid", transid, &res)) != QS_OK) {
		return st;
	}
	list = qsw_list(res, "transactions", "transaction", &tmp);
	n = json_object_array_length(list);
	for (i = 0; i < n && !orig; i++) {
		json_object *r = json_object_array_get_idx(list, i);
		qs_money in = 0;
		qsw_money(r, "amountin", 2, &in, "transaction", NULL);
		if (in > 0) {
			orig = r;
		}
	}
	if (!orig || !qsw_id(orig, "id", buf) || !qsw_id(orig, "userid", buf)) {
		json_object_put(tmp);
		json_object_put(res);
		return qs_error_set(x->e, QS_EVALIDATION, "WHMCS ManualRefund: no payment with transaction id %s was found by GetTransactions", transid);
	}
	qs_strlcpy(oid, qsw_id(orig, "id", buf), sizeof(oid));
	qs_strlcpy(uid, qsw_id(orig, "userid", buf), sizeof(uid));
	json_object_put(tmp);
	json_object_put(res);
	if ((st = get_client_txns(x, uid, &clist, &ctmp)) != QS_OK) {
		return st;
	}
	n = json_object_array_length(clist);
	for (i = 0; i < n && st == QS_OK; i++) {
		json_object *r = json_object_array_get_idx(clist, i);
		const char *ref = qsw_id(r, "refundid", buf);
		if (ref && !strcmp(ref, oid)) {
			st = emit_transaction(x, r);
			if (st == QS_OK) {
				qs_strlcpy(main_id, qsw_id(r, "id", buf), 65);
			}
		}
	}
	json_object_put(ctmp);
	return st;
}

static qs_status expand_reference(xctx *x)
{
	json_object *res, *tmp, *list;
	size_t i, n;
	qs_status st;
	/* payment methods and currencies are read so a broken localAPI shows here;
	 * they map to QBO through qbo_map (payment_method, currency) */
	if ((st = call(x, "GetPaymentMethods", NULL, NULL, &res)) != QS_OK) {
		return st;
	}
	json_object_put(res);
	if ((st = call(x, "GetCurrencies", NULL, NULL, &res)) != QS_OK) {
		return st;
	}
	json_object_put(res);
	if ((st = call(x, "GetProducts", NULL, NULL, &res)) != QS_OK) {
		return st;
	}
	list = qsw_list(res, "products", "product", &tmp);
	n = json_object_array_length(list);
	st = QS_OK;
	for (i = 0; i < n && st == QS_OK; i++) {
		char pidbuf[48];
		json_object *doc = product_doc(json_object_array_get_idx(list, i), pidbuf);
		if (!doc) {
			continue;
		}
		st = emit(x, "item", doc);
	}
	json_object_put(tmp);
	json_object_put(res);
	return st;
}

qs_status qs_whmcs_expand(const qs_whmcs_event *ev, json_object *ids, const qs_whmcs_io *io,
	char main_kind[16], char main_id[65], qs_error *e)
{
	xctx x;
	char b1[64], b2[64], b3[64];
	qs_status st = QS_OK;
	char mk[16] = "", mi[65] = "";

	memset(&x, 0, sizeof(x));
	x.io = io;
	x.e = e;
	x.decimals = 2;
	switch (ev->action) {
	case QS_WA_CUSTOMER:
	case QS_WA_CLIENT_GONE:
		qs_strlcpy(mk, "customer", sizeof(mk));
		qs_strlcpy(mi, qsw_id(ids, "clientid", b1) ? qsw_id(ids, "clientid", b1) : "", sizeof(mi));
		if (ev->action == QS_WA_CUSTOMER || !strcmp(ev->name, "ClientClose")) {
			st = emit_customer(&x, mi);
		}
		break;
	case QS_WA_INVOICE:
	case QS_WA_INVOICE_TXNS:
		qs_strlcpy(mk, "invoice", sizeof(mk));
		qs_strlcpy(mi, qsw_id(ids, "invoiceid", b1) ? qsw_id(ids, "invoiceid", b1) : "", sizeof(mi));
		st = ev->action == QS_WA_INVOICE ? emit_invoice(&x, mi) : expand_invoice_txns(&x, mi);
		break;
	case QS_WA_SPLIT: {
		char other[65];
		qs_strlcpy(mk, "invoice", sizeof(mk));
		qs_strlcpy(mi, qsw_id(ids, "originalinvoiceid", b1) ? qsw_id(ids, "originalinvoiceid", b1) : "", sizeof(mi));
		qs_strlcpy(other, qsw_id(ids, "newinvoiceid", b2) ? qsw_id(ids, "newinvoiceid", b2) : "", sizeof(other));
		st = emit_invoice(&x, mi);
		if (st == QS_OK) {
			st = emit_invoice(&x, other);
		}
		break;
	}
	case QS_WA_TRANSACTION: {
		json_object *row = NULL, *hold = NULL;
		char id[65];
		qs_strlcpy(id, qsw_id(ids, "id", b1) ? qsw_id(ids, "id", b1) : "", sizeof(id));
		st = find_txn(&x, id, qsw_id(ids, "invoiceid", b2), qsw_id(ids, "userid", b3), &row, &hold);
		if (st == QS_OK && !row) {
			/* deleted in WHMCS before the event was read (a worker reads it later):
			 * nothing of it to send; a record of it already sent goes with its
			 * invoice's next event, as any deleted payment */
			const char *inv = qsw_id(ids, "invoiceid", b2), *uid = qsw_id(ids, "userid", b3);
			char why[400], where[160];
			if (inv && uid) {
				snprintf(where, sizeof(where), "neither among invoice %s's nor among client %s's", inv, uid);
			} else {
				snprintf(where, sizeof(where), "not among %s %s's", inv ? "invoice" : "client", inv ? inv : (uid ? uid : "?"));
			}
			snprintf(why, sizeof(why), "WHMCS transaction %s is no longer in WHMCS (GetTransactions lists it %s transactions): it was "
				"deleted before this event was read, so there is nothing of it to send", id, where);
			qs_strlcpy(mk, "payment", sizeof(mk));
			qs_strlcpy(mi, id, sizeof(mi));
			skip(&x, "payment", id, why);
		} else if (st == QS_OK) {
			qs_money in = 0, out = 0;
			qsw_money(row, "amountin", 2, &in, "transaction", NULL);
			qsw_money(row, "amountout", 2, &out, "transaction", NULL);
			qs_strlcpy(mk, in > 0 ? "payment" : "refund", sizeof(mk));
			qs_strlcpy(mi, id, sizeof(mi));
			st = emit_transaction(&x, row);
		}
		json_object_put(hold);
		break;
	}
	case QS_WA_MANUAL_REFUND:
		qs_strlcpy(mk, "refund", sizeof(mk));
		st = expand_manual_refund(&x, qsw_id(ids, "transid", b1) ? qsw_id(ids, "transid", b1) : "", mi);
		break;
	case QS_WA_REFERENCE:
		st = expand_reference(&x);
		break;
	default:
		break;
	}
	if (main_kind) {
		qs_strlcpy(main_kind, mk, 16);
	}
	if (main_id) {
		qs_strlcpy(main_id, mi, 65);
	}
	xctx_free(&x);
	return st;
}

/* ------------------------------------------------------------------ a transaction still there? */

qs_status qs_whmcs_txn_listed(const qs_whmcs_io *io, const char *clientid, const char *txn_id, bool *listed, qs_error *e)
{
	xctx x;
	json_object *res = NULL, *tmp = NULL, *list;
	size_t i, n;
	char buf[64];
	qs_status st;
	*listed = false;
	memset(&x, 0, sizeof(x));
	x.io = io;
	x.e = e;
	x.decimals = 2;
	st = call(&x, "GetTransactions", "clientid", clientid, &res);
	if (st != QS_OK) {
		return st;
	}
	list = qsw_list(res, "transactions", "transaction", &tmp);
	n = list ? json_object_array_length(list) : 0;
	for (i = 0; i < n && !*listed; i++) {
		const char *rid = qsw_id(json_object_array_get_idx(list, i), "id", buf);
		*listed = rid && !strcmp(rid, txn_id);
	}
	json_object_put(tmp);
	json_object_put(res);
	xctx_free(&x);
	return QS_OK;
}
