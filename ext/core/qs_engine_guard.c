/* qs_engine_guard: the natural-key guards that link a record to the one QBO
 * holds already instead of creating it twice (a customer by DisplayName or
 * email, a transaction by DocNumber or by its marker, an item by Name), and
 * the keys an unanswered create carried, kept for its retry's guards. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qbo/qs_qbo_rules.h"
#include "qs_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *qse_marker_field(qs_kind_id kind_id)
{
	const qs_kind *k = qs_kind_get(kind_id);
	return k ? k->marker : NULL;
}

static qbo_owner marker_owner(json_object *row, const char *kind, const char *id, char other[65])
{
	const char *field = qse_marker_field(qs_kind_of(kind));
	const char *note = field ? qse_jstr(row, field) : NULL, *p;
	char prefix[40];
	size_t pl;
	qbo_owner o = QSE_OWNER_NONE;
	other[0] = '\0';
	if (!note) {
		return QSE_OWNER_NONE;
	}
	snprintf(prefix, sizeof(prefix), "qbosync:%s:", kind);
	pl = strlen(prefix);
	for (p = strstr(note, prefix); p; p = strstr(p + 1, prefix)) {
		const char *s = p + pl;
		size_t n = strcspn(s, " ;,\n\t\r");
		if (n == strlen(id) && !strncmp(s, id, n)) {
			return QSE_OWNER_SELF;
		}
		if (n > 0 && n < 65 && o == QSE_OWNER_NONE) {
			memcpy(other, s, n);
			other[n] = '\0';
			o = QSE_OWNER_OTHER;
		}
	}
	return o;
}

bool qse_marker_local(json_object *row, const char *kind, char local[65])
{
	return marker_owner(row, kind, "", local) == QSE_OWNER_OTHER;
}

static qbo_owner row_owner(qs_engine *eng, json_object *row, const char *kind, const char *id, char other[65], qs_error *e)
{
	qbo_owner o = marker_owner(row, kind, id, other);
	char linked[65];
	bool taken = false;
	if (o != QSE_OWNER_NONE || !qse_usable_id(row)) {
		return o;
	}
	if (qs_store_entity_by_qbo(eng->store, eng->conn_key, kind, qse_jstr(row, "Id"), linked, &taken, e) == QS_OK
			&& taken && strcmp(linked, id) != 0) {
		qs_strlcpy(other, linked, 65);
		return QSE_OWNER_OTHER;
	}
	return QSE_OWNER_NONE;
}

static const char *customer_email(json_object *row)
{
	return qse_jstr(qse_jget(row, "PrimaryEmailAddr"), "Address");
}

/* Customer natural key: DisplayName (inactive too). A QBO customer that is
 * another local customer's (marker or link) is never taken: the name gets the
 * local id ("Jane Doe (17)"). Ours: adopt. Unmarked with the same email or
 * none: adopt; other email: "(17)" as well. No such name: a single QBO
 * customer with our email that is nobody else's is adopted. Lookup errors
 * (a 429 too) end the delivery: it is retried, never created blind. */
qs_status qse_customer_guard(qs_engine *eng, const char *id, json_object *norm, json_object *body,
	json_object **adopt, qbo_owner *owner, qs_error *e)
{
	const char *email = qse_jstr(norm, "email");
	const char *name = qse_jstr(body, "DisplayName");
	char *base = NULL;
	json_object *rows = NULL, *row;
	qs_status r;
	int pass;
	*adopt = NULL;
	*owner = QSE_OWNER_NONE;
	if (!name) {
		return QS_OK;
	}
	base = strdup(name);
	if (!base) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (pass = 0; pass < 2; pass++) {
		char *cand, other[65];
		qbo_owner o = QSE_OWNER_NONE;
		if (pass == 0) {
			cand = strdup(base);
		} else {
			cand = qs_map_unique_name(base, id);   /* within QBO's 500 characters */
		}
		if (!cand) {
			free(base);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory");
		}
		r = qse_find_by(eng, "Customer", "DisplayName", cand, true, &rows, e);
		if (r != QS_OK) {
			free(cand);
			free(base);
			json_object_put(rows);
			return r;
		}
		row = qse_first_row(rows);
		if (row) {
			o = row_owner(eng, row, "customer", id, other, NULL);
		}
		if (!row && pass == 0 && email && *email) {
			json_object *byemail = NULL;
			r = qse_customers_by_email(eng, email, &byemail, e);
			if (r != QS_OK) {
				free(cand);
				free(base);
				json_object_put(byemail);
				json_object_put(rows);
				return r;
			}
			if (byemail && json_object_array_length(byemail) == 1 && qse_usable_id(qse_first_row(byemail))) {
				qbo_owner eo = row_owner(eng, qse_first_row(byemail), "customer", id, other, NULL);
				if (eo != QSE_OWNER_OTHER) {
					*adopt = json_object_get(qse_first_row(byemail));
					*owner = eo;
					free(cand);
					free(base);
					json_object_put(byemail);
					json_object_put(rows);
					return QS_OK;
				}
			}
			json_object_put(byemail);
		}
		if (!row) {
			json_object_object_add(body, "DisplayName", json_object_new_string(cand));
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		if (qse_usable_id(row) && (o == QSE_OWNER_SELF || (o == QSE_OWNER_NONE && (!customer_email(row) || !*customer_email(row)
				|| !email || qse_email_eq(customer_email(row), email))))) {
			*adopt = json_object_get(row);
			*owner = o;
			json_object_object_add(body, "DisplayName", json_object_new_string(cand));
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		free(cand);
		json_object_put(rows);
		rows = NULL;
	}
	free(base);
	return qs_error_set(e, QS_EAPI, "Customer %s: QuickBooks already has customers named '%s' and '%s (%s)' that are other customers' or have other email addresses; map the customer with qbo_map()",
		id, name, name, id);
}

/* A transaction's own QBO record by its DocNumber: ours (marker) first, else
 * one of the same customer that is nobody else's (made in QBO by hand). The
 * number held only by another local record's QBO transaction is an Error
 * naming both. */
qs_status qse_docnumber_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body,
	json_object **adopt, qbo_owner *owner, qs_error *e)
{
	const char *num = qse_jstr(body, "DocNumber");
	const char *cust = qse_jstr(qse_jget(body, "CustomerRef"), "value");
	json_object *rows = NULL, *free_row = NULL;
	char other[65] = "", other_qbo[32] = "";
	size_t i, n;
	qs_status r;
	*adopt = NULL;
	*owner = QSE_OWNER_NONE;
	if (!num || !*num) {
		return QS_OK;
	}
	r = qse_find_by(eng, entity, "DocNumber", num, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
	for (i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		const char *rc = qse_jstr(qse_jget(row, "CustomerRef"), "value");
		char who[65];
		qbo_owner o;
		if (!qse_usable_id(row) || (cust && rc && strcmp(cust, rc) != 0)) {
			continue;
		}
		o = row_owner(eng, row, en->kind, en->id, who, NULL);
		if (o == QSE_OWNER_SELF) {
			*adopt = json_object_get(row);
			*owner = QSE_OWNER_SELF;
			json_object_put(rows);
			return QS_OK;
		}
		if (o == QSE_OWNER_NONE && !free_row) {
			free_row = row;
		} else if (o == QSE_OWNER_OTHER && !other[0]) {
			qs_strlcpy(other, who, sizeof(other));
			qs_strlcpy(other_qbo, qse_jstr(row, "Id"), sizeof(other_qbo));
		}
	}
	if (free_row) {
		*adopt = json_object_get(free_row);
	} else if (other[0]) {
		r = qs_error_set(e, QS_EAPI, "%s %s: QuickBooks %s number %s (QBO %s %s) is already the record of %s %s; two billing records share this number: renumber one of them, or map this one with qbo_map()",
			qse_entity_label(en->kind), en->id, entity, num, entity, other_qbo, qse_entity_label(en->kind), other);
	}
	json_object_put(rows);
	return r;
}

/* A transaction's own QBO record by its marker among the customer's
 * transactions of its date, every page (PrivateNote is not filterable). */
static qs_status marker_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body,
	json_object **adopt, qs_error *e)
{
	const char *date = qse_jstr(body, "TxnDate");
	const char *cust = qse_jstr(qse_jget(body, "CustomerRef"), "value");
	char *ld = NULL, *lc = NULL, *sql = NULL;
	size_t cap;
	long start;
	qs_status r = QS_OK;
	*adopt = NULL;
	if (!date && !cust) {
		return QS_OK;
	}
	ld = date ? qs_qbo_quote(date) : NULL;
	lc = cust ? qs_qbo_quote(cust) : NULL;
	cap = (ld ? strlen(ld) : 0) + (lc ? strlen(lc) : 0) + strlen(entity) + 128;
	sql = malloc(cap);
	if ((date && !ld) || (cust && !lc) || !sql) {
		free(ld);
		free(lc);
		free(sql);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a query");
	}
	for (start = 1; start < 10000000; start += QS_QBO_PAGE) {
		json_object *rows = NULL;
		size_t i, n;
		snprintf(sql, cap, "select * from %s where %s%s%s%s%s startposition %ld maxresults %d", entity,
			ld ? "TxnDate = " : "", ld ? ld : "", ld && lc ? " and " : "", lc ? "CustomerRef = " : "", lc ? lc : "", start, QS_QBO_PAGE);
		r = qse_api(eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, &rows, e);
		if (r != QS_OK) {
			json_object_put(rows);
			break;
		}
		n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
		for (i = 0; i < n && !*adopt; i++) {
			json_object *row = json_object_array_get_idx(rows, i);
			char who[65];
			if (qse_usable_id(row) && marker_owner(row, en->kind, en->id, who) == QSE_OWNER_SELF) {
				*adopt = json_object_get(row);
			}
		}
		json_object_put(rows);
		if (*adopt || n < QS_QBO_PAGE) {
			break;
		}
	}
	free(ld);
	free(lc);
	free(sql);
	return r;
}

/* Before a retried create of a transaction (an earlier attempt may have been
 * committed without a usable answer): its own QBO record by DocNumber, else
 * by marker. A payment always looks for its marker; an invoice, credit or
 * refund without a number does when the create's requestid cannot settle it
 * alone: the requestid was made for an older version, or its replay already
 * failed to (a third attempt). Otherwise the create is sent again with the
 * same requestid and QBO answers with the record it made. */
qs_status qse_txn_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body,
	bool rid_current, json_object **adopt, qbo_owner *owner, qs_error *e)
{
	qs_status r = qse_docnumber_guard(eng, en, entity, body, adopt, owner, e);
	if (r != QS_OK || *adopt) {
		return r;
	}
	if (qs_kind_guard_of(en->kind_id) != QS_GUARD_DOC_MARKER && rid_current && en->q_attempts <= 2) {
		return QS_OK;
	}
	r = marker_guard(eng, en, entity, body, adopt, e);
	if (*adopt) {
		*owner = QSE_OWNER_SELF;
	}
	return r;
}

/* ------------------------------------------------------------------ the keys an unanswered create carried */

/* A create whose outcome is unknown (its answer lost, its process gone)
 * keeps its requestid in the entity row until it is settled, and its retry
 * looks for what it may have made before anything is sent again. A version
 * recorded meanwhile replaces the document that create carried, and with it
 * the natural keys that find its record (an edited name, email, number or
 * date). Those keys are kept first, in the store's named values
 * ("sent_keys:" and a digest of kind and id): {"rid": the requestid, "keys":
 * [one set per version recorded while that requestid stood, each of which
 * may have been sent under it]}. They count only while the record's
 * requestid is that one (a settled create's requestid is never made again:
 * versions only grow). */
#define SENT_KEYS_MAX 16

static void sent_keys_name(char out[64], const char *kind, const char *id)
{
	char h[64];
	qse_make_rid(h, "sent_keys", kind, id, NULL);   /* 36 characters */
	snprintf(out, 64, "sent_keys:%.36s", h);
}

static void keys_add(json_object *k, const char *name, const char *v)
{
	if (v && *v) {
		json_object_object_add(k, name, json_object_new_string(v));
	}
}

/* The natural keys a document's create carries: a customer's DisplayName and
 * email, an item's Name, a transaction's number, date and customer (its
 * marker is found among its date's records); NULL for none. */
static json_object *doc_keys(qs_kind_id kind_id, json_object *norm)
{
	json_object *k = json_object_new_object();
	char *dn;
	if (!k) {
		return NULL;
	}
	switch (qs_kind_guard_of(kind_id)) {
	case QS_GUARD_NAME_EMAIL:
		dn = qs_map_display_name(norm);
		keys_add(k, "name", dn);
		free(dn);
		keys_add(k, "email", qse_jstr(norm, "email"));
		break;
	case QS_GUARD_NAME:
		keys_add(k, "name", qse_jstr(norm, "name"));
		break;
	case QS_GUARD_DOC_MARKER:
	case QS_GUARD_DOC_RID:
		keys_add(k, "number", qse_jstr(norm, "number"));
		keys_add(k, "date", qse_jstr(norm, "date"));
		keys_add(k, "customer", qse_jstr(norm, "customer"));
		break;
	default:
		break;
	}
	if (json_object_object_length(k) == 0) {
		json_object_put(k);
		return NULL;
	}
	return k;
}

/* The record's kept entry when it is its current requestid's, else NULL. */
qs_status qse_sent_keys_read(qs_engine *eng, const qs_entity *en, json_object **entry, qs_error *e)
{
	char name[64], *v = NULL;
	double at;
	qs_status r;
	const char *rid;
	*entry = NULL;
	sent_keys_name(name, en->kind, en->id);
	r = qs_store_meta_get(eng->store, eng->conn_key, name, &v, &at, e);
	if (r != QS_OK || !v) {
		free(v);
		return r;
	}
	*entry = *v ? json_tokener_parse(v) : NULL;
	free(v);
	rid = qse_jstr(*entry, "rid");
	if (!rid || strcmp(rid, en->create_rid) != 0 || !json_object_is_type(qse_jget(*entry, "keys"), json_type_array)) {
		json_object_put(*entry);
		*entry = NULL;
	}
	return QS_OK;
}

qs_status qse_sent_keys_keep(qs_engine *eng, const qs_entity *en, qs_error *e)
{
	json_object *norm = en->doc ? json_tokener_parse(en->doc) : NULL, *keys, *entry = NULL, *list;
	char name[64];
	size_t i, n;
	qs_status r;
	keys = norm ? doc_keys(en->kind_id, norm) : NULL;
	json_object_put(norm);
	if (!keys) {
		return QS_OK;   /* nothing finds this kind's record but its requestid and marker */
	}
	r = qse_sent_keys_read(eng, en, &entry, e);
	if (r != QS_OK) {
		json_object_put(keys);
		return r;
	}
	if (!entry) {
		entry = json_object_new_object();
		if (!entry) {
			json_object_put(keys);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory");
		}
		json_object_object_add(entry, "rid", json_object_new_string(en->create_rid));
		json_object_object_add(entry, "keys", json_object_new_array());
	}
	list = qse_jget(entry, "keys");
	n = json_object_array_length(list);
	for (i = 0; i < n; i++) {
		if (json_object_equal(json_object_array_get_idx(list, i), keys)) {
			json_object_put(keys);
			json_object_put(entry);
			return QS_OK;   /* kept already */
		}
	}
	if (n >= SENT_KEYS_MAX) {
		json_object_array_del_idx(list, 1, 1);   /* the first version's stay, the oldest after it go */
	}
	json_object_array_add(list, keys);
	sent_keys_name(name, en->kind, en->id);
	r = qs_store_meta_put(eng->store, eng->conn_key, name, json_object_to_json_string_ext(entry, JSON_C_TO_STRING_PLAIN),
		qs_store_now(), e);
	json_object_put(entry);
	return r;
}

/* The record an unanswered create made, looked for by the keys it carried
 * (kept when a later version replaced its document), each set as the kind's
 * guard looks: a customer by DisplayName, "DisplayName (id)" or its email
 * alone; an item by Name; a transaction by DocNumber, then by its marker
 * among the records of its date. Only what that create made is taken: a
 * record with this record's marker, or for an item (no marker) one no other
 * local item is linked to. A record of another local record's under those
 * keys is not this create's (QBO refuses a second name or number), nor is
 * an unmarked one (the current version's guards judge those): both are
 * passed over. Lookup errors end the delivery: it is retried, never created
 * blind. */
qs_status qse_sent_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body, json_object *sent,
	bool every_date, json_object **adopt, qbo_owner *owner, qs_error *e)
{
	size_t i, n = json_object_array_length(sent);
	json_object *cur = en->doc ? json_tokener_parse(en->doc) : NULL;
	qs_status r = QS_OK;
	*adopt = NULL;
	*owner = QSE_OWNER_NONE;
	for (i = 0; i < n && !*adopt && r == QS_OK; i++) {
		json_object *k = json_object_array_get_idx(sent, i);
		json_object *sb = json_object_new_object(), *sn = json_object_new_object(), *rows = NULL;
		const char *name = qse_jstr(k, "name"), *date = qse_jstr(k, "date"), *cust = qse_jstr(k, "customer");
		qs_error e2;
		char other[65];
		qs_error_clear(&e2);
		if (!sb || !sn) {
			json_object_put(sb);
			json_object_put(sn);
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory");
			break;
		}
		switch (qs_kind_guard_of(en->kind_id)) {
		case QS_GUARD_NAME_EMAIL:
			keys_add(sb, "DisplayName", name);
			keys_add(sn, "email", qse_jstr(k, "email"));
			r = qse_customer_guard(eng, en->id, sn, sb, adopt, owner, &e2);
			r = r == QS_EAPI ? QS_OK : r;   /* both names others': that create made neither */
			break;
		case QS_GUARD_NAME:
			r = name ? qse_find_by(eng, entity, "Name", name, true, &rows, &e2) : QS_OK;
			if (r == QS_OK && qse_usable_id(qse_first_row(rows))
					&& row_owner(eng, qse_first_row(rows), en->kind, en->id, other, NULL) != QSE_OWNER_OTHER) {
				*adopt = json_object_get(qse_first_row(rows));
			}
			json_object_put(rows);
			break;
		case QS_GUARD_DOC_MARKER:
		case QS_GUARD_DOC_RID:
			keys_add(sb, "DocNumber", qse_jstr(k, "number"));
			if (qse_jget(body, "CustomerRef")) {
				json_object_object_add(sb, "CustomerRef", json_object_get(qse_jget(body, "CustomerRef")));
			}
			r = qse_docnumber_guard(eng, en, entity, sb, adopt, owner, &e2);
			r = r == QS_EAPI ? QS_OK : r;   /* another record's number: not that create's */
			if (r == QS_OK && *adopt && *owner != QSE_OWNER_SELF) {
				json_object_put(*adopt);
				*adopt = NULL;
			}
			/* its marker among its date's records (every customer's), unless the
			 * current version's guard scans the same date and customer */
			if (r == QS_OK && !*adopt && date && (every_date || !qse_jstr(cur, "date") || strcmp(date, qse_jstr(cur, "date")) != 0
					|| !cust || !qse_jstr(cur, "customer") || strcmp(cust, qse_jstr(cur, "customer")) != 0)) {
				json_object *db = json_object_new_object();
				keys_add(db, "TxnDate", date);
				r = db ? marker_guard(eng, en, entity, db, adopt, &e2) : qs_error_set(&e2, QS_EINTERNAL, "Out of memory");
				json_object_put(db);
			}
			*owner = *adopt ? QSE_OWNER_SELF : QSE_OWNER_NONE;
			break;
		default:
			break;
		}
		if (r != QS_OK) {
			qs_error_copy(e, &e2);
		} else if (*adopt && *owner != QSE_OWNER_SELF && qse_marker_field(en->kind_id)) {
			json_object_put(*adopt);   /* unmarked: the current version's guards judge it */
			*adopt = NULL;
			*owner = QSE_OWNER_NONE;
		}
		json_object_put(sb);
		json_object_put(sn);
	}
	json_object_put(cur);
	if (r != QS_OK) {
		json_object_put(*adopt);
		*adopt = NULL;
	}
	return r;
}

qs_status qse_sent_find(qs_engine *eng, const qs_entity *en, const char *entity, json_object **found, qs_error *e)
{
	json_object *sent = NULL, *body;
	qbo_owner owner = QSE_OWNER_NONE;
	qs_status r;
	*found = NULL;
	if (!qse_marker_field(en->kind_id)) {
		return QS_OK;   /* no marker: a record found by name may be one made by hand */
	}
	r = qse_sent_keys_read(eng, en, &sent, e);
	if (r != QS_OK || !sent) {
		return r;
	}
	body = json_object_new_object();
	r = body ? qse_sent_guard(eng, en, entity, body, qse_jget(sent, "keys"), true, found, &owner, e)
		: qs_error_set(e, QS_EINTERNAL, "Out of memory");
	json_object_put(body);
	json_object_put(sent);
	return r;
}

/* The kept keys are spent once the create is settled by a delivery (the
 * record QBO holds now carries the current version's keys). */
void qse_sent_keys_spent(qs_engine *eng, const qs_entity *en)
{
	char name[64];
	sent_keys_name(name, en->kind, en->id);
	qs_store_meta_put(eng->store, eng->conn_key, name, "", qs_store_now(), NULL);
}
