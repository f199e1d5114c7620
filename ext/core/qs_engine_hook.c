/* qs_engine_hook: billing-platform hook events expanded through the fetch
 * callback into pushes: one event (qse_hook_expand_one, which qbo_hook's
 * inline mode calls from qs_engine_hook_event.c), and the events recorded in
 * worker and deferred mode, expanded at delivery time (qse_hooks_expand),
 * each identical document pushed once per run. What an event reads and
 * produces is the adapter's (qs_whmcs.c). */
#include "qs_engine_int.h"
#include "qs_engine_hook.h"
#include "qs_crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOOK_MAX_ATTEMPTS 5
#define SEEN_SLOTS 8192       /* documents remembered per expansion run (power of two) */   /* a hook event that cannot be read after this many tries is kept as 'error' */

void qs_engine_set_fetch(qs_engine *eng, qs_fetch_fn fn, void *ud)
{
	if (eng) {
		eng->fetch = fn;
		eng->fetch_ud = fn ? ud : NULL;
	}
}

/* The documents one expansion run already pushed (several events of one
 * invoice read the same customer, items and payments): a record whose
 * document is the one last pushed in this run is not pushed again. Open
 * addressing on a digest of kind + id, holding a digest of the document. */
typedef struct seen_slot {
	unsigned char key[16];    /* all zero: free */
	unsigned char doc[16];
} seen_slot;

typedef struct seen_set {
	seen_slot *slot;
	size_t n;
} seen_set;

static void digest16(const char *a, const char *b, unsigned char out[16])
{
	char hex[65];
	size_t la = strlen(a), lb = strlen(b), i;
	char *buf = malloc(la + lb + 2);
	memset(out, 0, 16);
	if (!buf) {
		return;
	}
	memcpy(buf, a, la);
	buf[la] = '\n';
	memcpy(buf + la + 1, b, lb + 1);
	qs_sha256_hex(buf, la + 1 + lb, hex);
	free(buf);
	for (i = 0; i < 16; i++) {
		unsigned v = 0;
		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
	out[0] |= 1;   /* never all zero */
}

/* True when (kind, id) was pushed in this run with this very document. */
static bool seen_same(seen_set *s, const char *kind, json_object *doc, seen_slot **at)
{
	unsigned char key[16], d[16];
	const char *id;
	json_object *v;
	size_t i, h;
	*at = NULL;
	if (!json_object_object_get_ex(doc, "id", &v) || !(id = json_object_get_string(v))) {
		return false;
	}
	if (!s->slot && !(s->slot = calloc(SEEN_SLOTS, sizeof(*s->slot)))) {
		return false;
	}
	digest16(kind, id, key);
	digest16(kind, json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN), d);
	memcpy(&h, key, sizeof(h));
	for (i = 0; i < SEEN_SLOTS; i++) {
		seen_slot *sl = &s->slot[(h + i) & (SEEN_SLOTS - 1)];
		if (!memcmp(sl->key, key, 16)) {
			if (!memcmp(sl->doc, d, 16)) {
				return true;
			}
			memcpy(sl->doc, d, 16);   /* changed: pushed, and remembered as the last */
			*at = sl;
			return false;
		}
		if (!sl->key[0]) {
			if (s->n + 1 < SEEN_SLOTS / 2) {
				memcpy(sl->key, key, 16);
				memcpy(sl->doc, d, 16);
				s->n++;
				*at = sl;
			}
			return false;
		}
	}
	return false;
}


static qs_status push_doc(hook_run *h, const char *kind, json_object *doc, qs_error *e);

static qs_status emit_push(void *ud, const char *kind, json_object *doc, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	hook_run *h = ud;
	if (h->list_payments && kind_id == QS_KIND_PAYMENT && qse_jstr(doc, "id")) {
		void *nv = qs_grow(h->paid, &h->cap_paid, h->n_paid, sizeof(*h->paid), 8);
		if (nv) {
			h->paid = nv;
			qs_strlcpy(h->paid[h->n_paid++], qse_jstr(doc, "id"), sizeof(h->paid[0]));
		} else {
			h->paid_oom = true;
		}
	}
	if (kind_id == QS_KIND_INVOICE && qse_jstr(doc, "id") && h->n_reopened < 4
			&& !(qse_jstr(doc, "status") && !strcmp(qse_jstr(doc, "status"), "collections"))) {
		qs_strlcpy(h->reopened[h->n_reopened++], qse_jstr(doc, "id"), sizeof(h->reopened[0]));
	}
	if (h->held) {
		json_object *pair = json_object_new_array();
		json_object_array_add(pair, json_object_new_string(kind));
		json_object_array_add(pair, json_object_get(doc));
		json_object_array_add(h->held, pair);
		return QS_OK;
	}
	return push_doc(h, kind, doc, e);
}

static qs_status push_doc(hook_run *h, const char *kind, json_object *doc, qs_error *e)
{
	json_object *state = NULL;
	seen_slot *at = NULL;
	qs_error pe;
	qs_status st;
	qs_error_clear(&pe);
	if (h->seen && !h->states && seen_same(h->seen, kind, doc, &at)) {
		return QS_OK;
	}
	st = qs_engine_push(h->eng, kind, doc, h->flags, &state, &pe);
	if (st != QS_OK && at) {
		memset(at->doc, 0, sizeof(at->doc));   /* not recorded: the next identical document is pushed again */
	}
	if (st == QS_EAPI || st == QS_EAUTH) {
		/* delivered and refused (or not authorised): the record is kept with
		 * its state; the expansion goes on with the next document */
		if (h->push_failed == QS_OK) {
			h->push_failed = st;
			qs_error_copy(&h->push_err, &pe);
		}
		st = QS_OK;
	}
	if (st != QS_OK) {
		json_object_put(state);
		qs_error_copy(e, &pe);
		return st;
	}
	if (h->states && state) {
		json_object_array_add(h->states, state);
	} else {
		json_object_put(state);
	}
	return QS_OK;
}

static void note_skip(void *ud, const char *kind, const char *id, const char *reason)
{
	hook_run *h = ud;
	qs_strlcpy(h->skip_kind, kind, sizeof(h->skip_kind));
	qs_strlcpy(h->skip_id, id, sizeof(h->skip_id));
	qs_strlcpy(h->skip_reason, reason, sizeof(h->skip_reason));
	qse_log_msg(h->eng, "info", kind, id, "%s", reason);
}

/* Expands one event through the fetch; pushes with flags. */
qs_status qse_hook_expand_one(qs_engine *eng, const qs_whmcs_event *ev, json_object *ids, hook_run *h,
	char mk[16], char mi[65], qs_error *e)
{
	qs_whmcs_io io;
	if (!eng->fetch) {
		return qs_error_set(e, QS_ECONFIG, "WHMCS %s: no fetch to read the records with; pass the option fetch to qbo_connect (WHMCS's localAPI is used when it exists)",
			ev->name);
	}
	qs_status st;
	io.fetch = eng->fetch;
	io.fetch_ud = eng->fetch_ud;
	io.emit = emit_push;
	io.skip = note_skip;
	io.ud = h;
	io.recorded = qse_whmcs_recorded;
	io.recorded_ud = eng;
	io.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
	/* WHMCS has no hook for a deleted transaction; deleting an invoice's
	 * payment makes a paid invoice Unpaid (InvoiceUnpaid, LIKELY) and edits
	 * the invoice (UpdateInvoiceTotal, LIKELY), and a partly paid one stays
	 * Unpaid: every event that reads the invoice's transactions looks, so a
	 * payment recorded for that invoice alone that GetTransactions no longer
	 * lists was deleted (seen at the latest with the invoice's next event) */
	h->list_payments = ev->action == QS_WA_INVOICE_TXNS;
	h->held = h->list_payments || ev->action == QS_WA_INVOICE ? json_object_new_array() : NULL;
	h->n_reopened = 0;
	st = qs_whmcs_expand(ev, ids, &io, mk, mi, e);
	if (st == QS_OK && h->list_payments && !h->paid_oom && !strcmp(mk, "invoice") && mi[0]) {
		const char **listed = h->n_paid ? calloc(h->n_paid, sizeof(*listed)) : NULL;
		size_t i;
		if (h->n_paid && !listed) {
			st = qs_error_set(e, QS_EINTERNAL, "Out of memory");
		} else {
			for (i = 0; i < h->n_paid; i++) {
				listed[i] = h->paid[i];
			}
			st = qse_delete_missing_payments(eng, &io, mi, listed, h->n_paid, h->flags, e);
		}
		free(listed);
	}
	if (st == QS_OK) {
		/* an invoice no longer in Collections (reopened, paid, cancelled): its write-off is reversed */
		size_t i;
		for (i = 0; i < h->n_reopened && st == QS_OK; i++) {
			json_object *old = qse_writeoff_standing(eng, h->reopened[i]), *state = NULL;
			if (old) {
				qse_log_msg(eng, "info", "writeoff", h->reopened[i], "Invoice %s is no longer in Collections in the billing system: "
					"its write-off is reversed in QuickBooks", h->reopened[i]);
				st = qse_delete(eng, "writeoff", h->reopened[i], h->flags, &state, e);
				if (st == QS_EAPI || st == QS_EAUTH) {
					qs_error_clear(e);   /* kept with its state, as a push would be */
					st = QS_OK;
				}
			}
			json_object_put(state);
			json_object_put(old);
		}
	}
	if (h->held) {
		/* what the expansion emitted, in its order (also when it stopped midway, as before) */
		json_object *held = h->held;
		size_t i, n = json_object_array_length(held);
		qs_status ps = QS_OK;
		qs_error pe;
		h->held = NULL;
		qs_error_clear(&pe);
		for (i = 0; i < n && ps == QS_OK; i++) {
			json_object *pair = json_object_array_get_idx(held, i);
			ps = push_doc(h, json_object_get_string(json_object_array_get_idx(pair, 0)), json_object_array_get_idx(pair, 1), &pe);
		}
		json_object_put(held);
		if (ps != QS_OK && st == QS_OK) {
			qs_error_copy(e, &pe);
			st = ps;
		}
	}
	free(h->paid);
	h->paid = NULL;
	h->n_paid = h->cap_paid = 0;
	return st;
}

void qs_engine_hooks_expand_deferred(qs_engine *eng)
{
	long expanded = 0, failed = 0;
	qs_error e;
	if (!eng || !eng->hooks_deferred || !eng->fetch) {
		return;
	}
	qs_error_clear(&e);
	eng->hooks_deferred = false;
	qse_hooks_expand(eng, 0, 0, &expanded, &failed, &e);
}

/* ------------------------------------------------------------------ delivery-time expansion */

typedef struct hook_row {
	long long seq;
	char event[48];
	char *ids;
	long attempts;
} hook_row;

typedef struct hook_list {
	hook_row *v;
	size_t n, cap;
} hook_list;

static void hook_cb(void *ud, long long seq, const char *event, const char *ids, long attempts)
{
	hook_list *l = ud;
	hook_row *nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 64);
	if (!nv) {
		return;
	}
	l->v = nv;
	l->v[l->n].seq = seq;
	qs_strlcpy(l->v[l->n].event, event, sizeof(l->v[l->n].event));
	l->v[l->n].ids = strdup(ids);
	l->v[l->n].attempts = attempts;
	if (l->v[l->n].ids) {
		l->n++;
	}
}

qs_status qse_hooks_expand(qs_engine *eng, long limit, int push_flags, long *expanded, long *failed, qs_error *e)
{
	hook_list l;
	size_t i;
	qs_status r = QS_OK;
	long long after = 0;
	bool stop = false;
	seen_set seen = {NULL, 0};

	*expanded = *failed = 0;
	qse_spill_replay(eng);
	if (!eng->fetch) {
		return QS_OK;   /* nothing to read with: the events wait for a caller with a fetch */
	}
	for (;;) {
		memset(&l, 0, sizeof(l));
		r = qs_store_hook_due(eng->store, eng->conn_key, after, 500, hook_cb, &l, e);
		if (r != QS_OK || l.n == 0) {
			free(l.v);
			free(seen.slot);
			return r;
		}
		for (i = 0; i < l.n && r == QS_OK; i++) {
			const qs_whmcs_event *ev = qs_whmcs_event_find(l.v[i].event);
			json_object *ids = json_tokener_parse(l.v[i].ids);
			hook_run h;
			char mk[16] = "", mi[65] = "";
			qs_error xe;
			qs_status st;
			after = l.v[i].seq;
			memset(&h, 0, sizeof(h));
			h.eng = eng;
			h.seen = &seen;
			h.flags = push_flags;
			qs_error_clear(&xe);
			if (!ev || !ids) {
				st = qs_error_set(&xe, QS_EVALIDATION, "Hook event %lld (%s) cannot be read back", l.v[i].seq, l.v[i].event);
			} else {
				st = qse_hook_expand_one(eng, ev, ids, &h, mk, mi, &xe);
			}
			json_object_put(ids);
			if (st == QS_OK) {
				r = qs_store_hook_del(eng->store, eng->conn_key, l.v[i].seq, e);
				(*expanded)++;
			} else if (st == QS_ESTORE) {
				qs_error_copy(e, &xe);
				r = st;
			} else {
				/* WHMCS said no, the document is invalid, or the fetch failed:
				 * kept with the reason; a transient failure is tried again */
				bool final = st == QS_EVALIDATION || l.v[i].attempts + 1 >= HOOK_MAX_ATTEMPTS;
				qse_log_msg(eng, final ? "error" : "warn", xe.kind[0] ? xe.kind : (mk[0] ? mk : NULL),
					xe.record_id[0] ? xe.record_id : (mi[0] ? mi : NULL), "%s: %s", l.v[i].event, xe.message);
				if (st == QS_ECONFIG) {
					/* no fetch to read with: every event waits, untouched, for a caller with one */
					stop = true;
					break;
				}
				r = qs_store_hook_fail(eng->store, eng->conn_key, l.v[i].seq, final, xe.message, e);
				(*failed)++;
			}
		}
		for (i = 0; i < l.n; i++) {
			free(l.v[i].ids);
		}
		free(l.v);
		if (r != QS_OK || stop || (limit > 0 && *expanded + *failed >= limit)) {
			free(seen.slot);
			return r;
		}
	}
}
