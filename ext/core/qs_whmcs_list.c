/* qs_whmcs_list: the WHMCS side of the history push: pages of GetClients,
 * GetInvoices, GetTransactions and GetProducts turned into the hook events
 * (with their ids) whose expansion gives each record's canonical documents. */
#include "qs_whmcs.h"
#include "qs_whmcs_shape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static qs_status list_call(qs_fetch_fn fetch, void *ud, const char *cmd, json_object *params,
	json_object **out, qs_error *e)
{
	json_object *res = NULL;
	char buf[64], b2[64];
	const char *r;
	qs_status st = fetch(ud, cmd, params, &res, e);
	*out = NULL;
	if (st != QS_OK) {
		json_object_put(res);
		if (e && !e->message[0]) {
			qs_error_set(e, st, "WHMCS %s failed", cmd);
		}
		return st;
	}
	if (!res || !json_object_is_type(res, json_type_object)) {
		json_object_put(res);
		return qs_error_set(e, QS_EVALIDATION, "WHMCS %s answered something that is not an array; check the fetch callable", cmd);
	}
	r = qsw_str(res, "result", buf);
	if (r && strcasecmp(r, "success") != 0) {
		const char *msg = qsw_str(res, "message", b2);
		st = qs_error_set(e, QS_EVALIDATION, "WHMCS %s: %s", cmd, msg ? msg : "the command failed");
		json_object_put(res);
		return st;
	}
	*out = res;
	return QS_OK;
}

static json_object *entry(const char *event, json_object *ids, const char *date)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "event", json_object_new_string(event));
	json_object_object_add(o, "ids", ids);
	if (date) {
		json_object_object_add(o, "date", json_object_new_string(date));
	}
	return o;
}

static json_object *one_id(const char *key, const char *v)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, key, json_object_new_string(v));
	return o;
}

static long total_of(json_object *res)
{
	char buf[64];
	const char *t = qsw_str(res, "totalresults", buf);
	return t ? strtol(t, NULL, 10) : -1;
}

qs_status qs_whmcs_list(qs_fetch_fn fetch, void *fetch_ud, const char *list, long offset, long limit,
	json_object **entries, long *total, long *read, qs_error *e)
{
	json_object *params, *res = NULL, *rows, *tmp = NULL;
	char num[32], buf[64], b2[64], b3[64], d[11];
	size_t i, n;
	qs_status st;
	bool txns = !strcmp(list, "transaction");

	*entries = NULL;
	*total = -1;
	*read = 0;
	if (!fetch) {
		return qs_error_set(e, QS_ECONFIG, "No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI) or a source to qbo_history");
	}
	if (!strcmp(list, "item")) {
		/* the products come as one list, expanded by the daily reference event */
		*entries = json_object_new_array();
		*total = 1;
		if (offset == 0) {
			json_object_array_add(*entries, entry("DailyCronJob", json_object_new_object(), NULL));
			*read = 1;
		}
		return QS_OK;
	}
	params = json_object_new_object();
	if (!txns) {
		snprintf(num, sizeof(num), "%ld", offset);
		json_object_object_add(params, "limitstart", json_object_new_string(num));
		snprintf(num, sizeof(num), "%ld", limit);
		json_object_object_add(params, "limitnum", json_object_new_string(num));
	}
	if (!strcmp(list, "customer")) {
		/* by id, oldest first, so pages stay put while clients are added (GetClients
		 * spells the direction "sorting"; its default order is by name: UNCONFIRMED) */
		json_object_object_add(params, "orderby", json_object_new_string("id"));
		json_object_object_add(params, "sorting", json_object_new_string("ASC"));
		st = list_call(fetch, fetch_ud, "GetClients", params, &res, e);
	} else if (!strcmp(list, "invoice")) {
		json_object_object_add(params, "orderby", json_object_new_string("id"));
		json_object_object_add(params, "order", json_object_new_string("asc"));
		st = list_call(fetch, fetch_ud, "GetInvoices", params, &res, e);
	} else if (txns) {
		st = list_call(fetch, fetch_ud, "GetTransactions", params, &res, e);
	} else {
		json_object_put(params);
		return qs_error_set(e, QS_EVALIDATION, "No WHMCS list for the history kind %s (customer, item, invoice, transaction)", list);
	}
	json_object_put(params);
	if (st != QS_OK) {
		return st;
	}
	if (!strcmp(list, "customer")) {
		rows = qsw_list(res, "clients", "client", &tmp);
	} else if (!strcmp(list, "invoice")) {
		rows = qsw_list(res, "invoices", "invoice", &tmp);
	} else {
		rows = qsw_list(res, "transactions", "transaction", &tmp);
	}
	n = json_object_array_length(rows);
	*total = total_of(res);
	if (txns && *total < 0) {
		*total = (long)n;
	}
	*entries = json_object_new_array();
	i = txns ? (size_t)offset : 0;
	for (; i < n && (!txns || i < (size_t)(offset + limit)); i++) {
		json_object *row = json_object_array_get_idx(rows, i), *ids;
		const char *id = qsw_id(row, "id", buf);
		if (!id) {
			continue;
		}
		if (!strcmp(list, "customer")) {
			json_object_array_add(*entries, entry("ClientAdd", one_id("clientid", id),
				qsw_date(row, "datecreated", d) ? d : NULL));
		} else if (!strcmp(list, "invoice")) {
			json_object_array_add(*entries, entry("InvoiceCreated", one_id("invoiceid", id),
				qsw_date(row, "date", d) ? d : NULL));
		} else {
			const char *inv = qsw_id(row, "invoiceid", b2), *user = qsw_id(row, "userid", b3);
			ids = one_id("id", id);
			if (inv) {
				json_object_object_add(ids, "invoiceid", json_object_new_string(inv));
			}
			if (user) {
				json_object_object_add(ids, "userid", json_object_new_string(user));
			}
			json_object_array_add(*entries, entry("AddTransaction", ids, qsw_date(row, "date", d) ? d : NULL));
		}
	}
	*read = txns ? (long)(i - (size_t)offset) : (long)n;
	json_object_put(tmp);
	json_object_put(res);
	return QS_OK;
}
