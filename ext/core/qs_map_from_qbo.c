/* qs_map_from_qbo: the way back: a QBO Customer, Item, Invoice or Payment as
 * the canonical document a pull returns (CANONICAL.md's keys, money as decimal
 * text, QBO's ids beside the local ids the store links them to). */
#include "qs_map.h"
#include "qs_verify.h"
#include "qs_error.h"
#include "qs_kind.h"
#include "qbo/qs_qbo_tax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	return o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static const char *str(json_object *o, const char *key)
{
	json_object *v = get(o, key);
	return v && (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int))
		? json_object_get_string(v) : NULL;
}

static void put_str(json_object *doc, const char *key, const char *v)
{
	json_object_object_add(doc, key, v ? json_object_new_string(v) : NULL);
}

/* An amount as decimal text in the currency's decimals; a value with more
 * digits (a unit price) keeps up to 4 decimals; else null. */
static json_object *money(json_object *v, int decimals)
{
	qs_money m;
	char buf[32];
	int64_t d4;
	if (!v) {
		return NULL;
	}
	if (qs_verify_amount(v, decimals, &m)) {
		qs_money_format(m, decimals, buf, sizeof(buf));
		return json_object_new_string(buf);
	}
	if (json_object_is_type(v, json_type_double) && qs_decimal4_from_double(json_object_get_double(v), &d4, NULL) == QS_OK) {
		qs_decimal4_format(d4, buf, sizeof(buf));
		return json_object_new_string(buf);
	}
	return NULL;
}

static json_object *quantity(json_object *v)
{
	int64_t d4;
	char buf[32];
	if (!v) {
		return json_object_new_string("1");
	}
	if (json_object_is_type(v, json_type_int)) {
		d4 = json_object_get_int64(v) * 10000;
	} else if (!json_object_is_type(v, json_type_double) || qs_decimal4_from_double(json_object_get_double(v), &d4, NULL) != QS_OK) {
		return NULL;
	}
	qs_decimal4_format(d4, buf, sizeof(buf));
	return json_object_new_string(buf);
}

/* The local id of a QBO reference, or null. */
static json_object *local_ref(const char *kind, const char *qbo_id, qs_local_fn find, void *ud)
{
	char local[65];
	if (!qbo_id || !find || !find(ud, kind, qbo_id, local)) {
		return NULL;
	}
	return json_object_new_string(local);
}

static bool is_voided(json_object *row, int decimals)
{
	const char *note = str(row, "PrivateNote");
	qs_money total = 0;
	return note && !strncmp(note, "Voided", 6) && qs_verify_amount(get(row, "TotalAmt"), decimals, &total) && total == 0;
}

static void customer(json_object *doc, json_object *row)
{
	json_object *addr = get(row, "BillAddr");
	put_str(doc, "display_name", str(row, "DisplayName"));
	put_str(doc, "first_name", str(row, "GivenName"));
	put_str(doc, "last_name", str(row, "FamilyName"));
	put_str(doc, "company", str(row, "CompanyName"));
	put_str(doc, "email", str(get(row, "PrimaryEmailAddr"), "Address"));
	put_str(doc, "phone", str(get(row, "PrimaryPhone"), "FreeFormNumber"));
	if (addr) {
		json_object *a = json_object_new_object();
		put_str(a, "line1", str(addr, "Line1"));
		put_str(a, "line2", str(addr, "Line2"));
		put_str(a, "city", str(addr, "City"));
		put_str(a, "region", str(addr, "CountrySubDivisionCode"));
		put_str(a, "postal_code", str(addr, "PostalCode"));
		put_str(a, "country", str(addr, "Country"));
		json_object_object_add(doc, "address", a);
	} else {
		json_object_object_add(doc, "address", NULL);
	}
	put_str(doc, "currency", str(get(row, "CurrencyRef"), "value"));
}

static void item(json_object *doc, json_object *row, int decimals)
{
	const char *t = str(row, "Type");
	put_str(doc, "name", str(row, "Name"));
	put_str(doc, "type", !t ? NULL : !strcmp(t, "Service") ? "service" : !strcmp(t, "NonInventory") ? "non_inventory"
		: !strcmp(t, "Inventory") ? "inventory" : t);
	put_str(doc, "description", str(row, "Description"));
	json_object_object_add(doc, "price", money(get(row, "UnitPrice"), decimals));
}

static void invoice(json_object *doc, json_object *row, int decimals, qs_local_fn find, void *ud)
{
	json_object *lines = json_object_new_array(), *ql = get(row, "Line");
	const char *cust = str(get(row, "CustomerRef"), "value");
	qs_money total = 0, balance = 0;
	json_object *subtotal = NULL;
	size_t i, n = ql && json_object_is_type(ql, json_type_array) ? json_object_array_length(ql) : 0;

	json_object_object_add(doc, "customer", local_ref("customer", cust, find, ud));
	put_str(doc, "qbo_customer", cust);
	put_str(doc, "number", str(row, "DocNumber"));
	put_str(doc, "date", str(row, "TxnDate"));
	put_str(doc, "due", str(row, "DueDate"));
	put_str(doc, "currency", str(get(row, "CurrencyRef"), "value"));
	qs_verify_amount(get(row, "TotalAmt"), decimals, &total);
	qs_verify_amount(get(row, "Balance"), decimals, &balance);
	put_str(doc, "status", is_voided(row, decimals) ? "cancelled" : (balance == 0 && total > 0) ? "paid" : "unpaid");
	for (i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(ql, i), *line;
		const char *dt = str(l, "DetailType");
		if (!dt) {
			continue;
		}
		if (!strcmp(dt, "SubTotalLineDetail")) {
			if (!subtotal) {
				subtotal = money(get(l, "Amount"), decimals);
			}
			continue;
		}
		line = json_object_new_object();
		if (!strcmp(dt, "SalesItemLineDetail")) {
			json_object *d = get(l, "SalesItemLineDetail");
			const char *it = str(get(d, "ItemRef"), "value"), *tc = str(get(d, "TaxCodeRef"), "value");
			json_object_object_add(line, "item", local_ref("item", it, find, ud));
			put_str(line, "qbo_item", it);
			put_str(line, "description", str(l, "Description"));
			json_object_object_add(line, "quantity", quantity(get(d, "Qty")));
			json_object_object_add(line, "unit_price", money(get(d, "UnitPrice") ? get(d, "UnitPrice") : get(l, "Amount"), decimals));
			json_object_object_add(line, "amount", money(get(l, "Amount"), decimals));
			json_object_object_add(line, "taxable", json_object_new_boolean(tc && strcmp(tc, QS_QBO_US_NON_TAXABLE) != 0));
			put_str(line, "kind", "sale");
		} else if (!strcmp(dt, "DiscountLineDetail")) {
			put_str(line, "description", str(l, "Description"));
			json_object_object_add(line, "amount", money(get(l, "Amount"), decimals));
			put_str(line, "kind", "discount");
		} else {
			put_str(line, "description", str(l, "Description"));
			json_object_object_add(line, "amount", money(get(l, "Amount"), decimals));
			put_str(line, "kind", dt);
		}
		json_object_array_add(lines, line);
	}
	json_object_object_add(doc, "lines", lines);
	json_object_object_add(doc, "subtotal", subtotal);
	{
		json_object *tt = get(get(row, "TxnTaxDetail"), "TotalTax");
		char zero[32];
		qs_money_format(0, decimals, zero, sizeof(zero));
		json_object_object_add(doc, "tax_total", tt ? money(tt, decimals) : json_object_new_string(zero));
	}
	json_object_object_add(doc, "total", money(get(row, "TotalAmt"), decimals));
	json_object_object_add(doc, "balance", money(get(row, "Balance"), decimals));
}

static void payment(json_object *doc, json_object *row, int decimals, qs_local_fn find, void *ud)
{
	json_object *applies = json_object_new_array(), *ql = get(row, "Line");
	const char *cust = str(get(row, "CustomerRef"), "value");
	size_t i, j, n = ql && json_object_is_type(ql, json_type_array) ? json_object_array_length(ql) : 0;

	json_object_object_add(doc, "customer", local_ref("customer", cust, find, ud));
	put_str(doc, "qbo_customer", cust);
	put_str(doc, "date", str(row, "TxnDate"));
	json_object_object_add(doc, "amount", money(get(row, "TotalAmt"), decimals));
	put_str(doc, "qbo_method", str(get(row, "PaymentMethodRef"), "value"));
	put_str(doc, "reference", str(row, "PaymentRefNum"));
	put_str(doc, "currency", str(get(row, "CurrencyRef"), "value"));
	json_object_object_add(doc, "voided", json_object_new_boolean(is_voided(row, decimals)));
	for (i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(ql, i), *links = get(l, "LinkedTxn");
		size_t m = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
		for (j = 0; j < m; j++) {
			json_object *lt = json_object_array_get_idx(links, j), *a;
			const char *type = str(lt, "TxnType"), *id = str(lt, "TxnId");
			if (!type || strcmp(type, "Invoice") != 0) {
				continue;
			}
			a = json_object_new_object();
			json_object_object_add(a, "invoice", local_ref("invoice", id, find, ud));
			put_str(a, "qbo_invoice", id);
			json_object_object_add(a, "amount", money(get(l, "Amount"), decimals));
			json_object_array_add(applies, a);
		}
	}
	json_object_object_add(doc, "applies_to", applies);
	json_object_object_add(doc, "unapplied", money(get(row, "UnappliedAmt") ? get(row, "UnappliedAmt") : NULL, decimals));
}

json_object *qs_map_from_qbo(const char *kind, json_object *row, int decimals, qs_local_fn find, void *ud)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	json_object *doc = json_object_new_object();
	const char *id = str(row, "Id"), *status = str(row, "status");
	if (!doc) {
		return NULL;
	}
	json_object_object_add(doc, "id", local_ref(kind, id, find, ud));
	put_str(doc, "qbo_id", id);
	if (status && !strcmp(status, "Deleted")) {
		/* a CDC stub: only the id and the time are known */
		json_object_object_add(doc, "deleted", json_object_new_boolean(1));
		put_str(doc, "updated", str(get(row, "MetaData"), "LastUpdatedTime"));
		return doc;
	}
	if (kind_id == QS_KIND_CUSTOMER) {
		customer(doc, row);
	} else if (kind_id == QS_KIND_ITEM) {
		item(doc, row, decimals);
	} else if (kind_id == QS_KIND_INVOICE) {
		invoice(doc, row, decimals, find, ud);
	} else if (kind_id == QS_KIND_PAYMENT) {
		payment(doc, row, decimals, find, ud);
	}
	if (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM) {
		json_object *a = get(row, "Active");
		json_object_object_add(doc, "active", json_object_new_boolean(!a || json_object_get_boolean(a)));
	}
	put_str(doc, "sync_token", str(row, "SyncToken"));
	put_str(doc, "updated", str(get(row, "MetaData"), "LastUpdatedTime"));
	return doc;
}
