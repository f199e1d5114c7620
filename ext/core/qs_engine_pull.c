/* qs_engine_pull: QBO back to the billing side: qbo_pull (customers, items,
 * invoices, payments by CDC since each kind's watermark, less an overlap whose
 * versions already delivered are left out, or by a full paged read, as
 * canonical documents, linked to local records by the qbosync marker,
 * DisplayName / Name or DocNumber on the way) and qbo_reference (what the
 * mapping pickers offer, cached in the store, refreshed daily by qbo_sync). */
#include "qs_engine_int.h"
#include "qs_verify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const pull_kinds[QS_PULL_NKINDS] = {QS_PULL_KINDS};
static const char *const pull_entities[QS_PULL_NKINDS] = {"Customer", "Item", "Invoice", "Payment"};

#define WATERMARK "pull.watermark"         /* before per-kind watermarks: every kind's (read, never written) */
#define WATERMARK_KIND "pull.watermark."   /* + kind: where that kind's next CDC starts */
#define SEEN "pull.seen."                  /* + kind: versions its last pull delivered in the overlap */
#define PULL_OVERLAP 60.0      /* seconds a CDC window reaches back before the last read's start */
#define CDC_MARGIN 3600.0      /* a watermark this close to CDC's 30 days is read in full */
#define REF_MAX_AGE 86400.0    /* reference data older than this is refreshed by qbo_sync() */

/* ------------------------------------------------------------------ linking */

/* What a pull links by, built once per pull and kind (a webhook's single
 * record goes without one): the mappings by QBO Id (customers, items) and
 * the unlinked local records by their name / number, both sorted. */
typedef struct link_cand {
	char *key;                 /* normalised name or number, malloc'd */
	char local[65];
	bool used;
} link_cand;

typedef struct link_rev {
	char qbo[32];
	char local[65];
} link_rev;

typedef struct kind_idx {
	link_cand *cand;
	size_t ncand, capc;
	bool cand_built;
	link_rev *rev;
	size_t nrev, caprev;
	bool rev_built;
} kind_idx;

struct link_idx {
	kind_idx k[QS_PULL_NKINDS];
};

typedef struct find_ud {
	qs_engine *eng;
	struct link_idx *idx;      /* may be NULL */
} find_ud;

static kind_idx *kidx(struct link_idx *idx, const char *kind)
{
	int k;
	if (!idx) {
		return NULL;
	}
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		if (!strcmp(pull_kinds[k], kind)) {
			return &idx->k[k];
		}
	}
	return NULL;
}

static void link_idx_free(struct link_idx *idx)
{
	int k;
	size_t i;
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		for (i = 0; i < idx->k[k].ncand; i++) {
			free(idx->k[k].cand[i].key);
		}
		free(idx->k[k].cand);
		free(idx->k[k].rev);
	}
	memset(idx, 0, sizeof(*idx));
}

static int rev_cmp(const void *a, const void *b)
{
	return strcmp(((const link_rev *)a)->qbo, ((const link_rev *)b)->qbo);
}

static int cand_cmp(const void *a, const void *b)
{
	int r = strcmp(((const link_cand *)a)->key, ((const link_cand *)b)->key);
	return r ? r : strcmp(((const link_cand *)a)->local, ((const link_cand *)b)->local);
}

static bool rev_add(kind_idx *ki, const char *qbo, const char *local)
{
	if (ki->nrev == ki->caprev) {
		size_t cap = ki->caprev ? ki->caprev * 2 : 64;
		link_rev *nv = realloc(ki->rev, cap * sizeof(*nv));
		if (!nv) {
			return false;
		}
		ki->rev = nv;
		ki->caprev = cap;
	}
	qs_strlcpy(ki->rev[ki->nrev].qbo, qbo, sizeof(ki->rev[0].qbo));
	qs_strlcpy(ki->rev[ki->nrev].local, local, sizeof(ki->rev[0].local));
	ki->nrev++;
	return true;
}

static void rev_build_cb(void *ud, const qs_mapping *mp)
{
	rev_add(ud, mp->qbo_id, mp->local_id);
}

typedef struct rev_find {
	const char *qbo;
	char *out;
	bool hit;
} rev_find;

static void rev_cb(void *ud, const qs_mapping *mp)
{
	rev_find *m = ud;
	if (!m->hit && !strcmp(mp->qbo_id, m->qbo)) {
		qs_strlcpy(m->out, mp->local_id, 65);
		m->hit = true;
	}
}

/* The local id of a QBO record: the entity linked to it, else (customers,
 * items) the mapping that names it. */
static bool find_local(void *ud, const char *kind, const char *qbo_id, char local[65])
{
	qs_kind_id kind_id = qs_kind_of(kind);
	find_ud *f = ud;
	qs_engine *eng = f->eng;
	kind_idx *ki = kidx(f->idx, kind);
	bool found = false;
	qs_error e;
	qs_error_clear(&e);
	if (qs_store_entity_by_qbo(eng->store, eng->conn_key, kind, qbo_id, local, &found, &e) == QS_OK && found) {
		return true;
	}
	if (kind_id != QS_KIND_CUSTOMER && kind_id != QS_KIND_ITEM) {
		return false;
	}
	if (ki) {
		link_rev key, *hit;
		if (!ki->rev_built) {
			qs_store_map_list(eng->store, eng->conn_key, kind, rev_build_cb, ki, &e);
			if (ki->nrev) {
				qsort(ki->rev, ki->nrev, sizeof(*ki->rev), rev_cmp);
			}
			ki->rev_built = true;
		}
		qs_strlcpy(key.qbo, qbo_id, sizeof(key.qbo));
		hit = ki->nrev ? bsearch(&key, ki->rev, ki->nrev, sizeof(*ki->rev), rev_cmp) : NULL;
		if (hit) {
			qs_strlcpy(local, hit->local, 65);
		}
		return hit != NULL;
	}
	{
		/* the mapping table is keyed by local id: look through that kind's rows */
		rev_find m = {qbo_id, local, false};
		qs_store_map_list(eng->store, eng->conn_key, kind, rev_cb, &m, &e);
		return m.hit;
	}
}

/* The local id in a "qbosync:<kind>:<id>" marker of the record's note. */
static bool marker_id(json_object *row, const char *kind, char out[65])
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *note = qse_jstr(row, kind_id == QS_KIND_CUSTOMER ? "Notes" : "PrivateNote"), *p;
	char prefix[40];
	size_t n;
	if (!note) {
		return false;
	}
	snprintf(prefix, sizeof(prefix), "qbosync:%s:", kind);
	p = strstr(note, prefix);
	if (!p) {
		return false;
	}
	p += strlen(prefix);
	n = strcspn(p, " ;,\n\t\r");
	if (n == 0 || n > 64) {
		return false;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/* What a local record is matched by: customer display name, item name,
 * invoice number (NULL: matched by marker only). */
static const char *match_key(const char *kind, json_object *doc)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	if (kind_id == QS_KIND_CUSTOMER) return qse_jstr(doc, "display_name");
	if (kind_id == QS_KIND_ITEM) return qse_jstr(doc, "name");
	if (kind_id == QS_KIND_INVOICE) return qse_jstr(doc, "number");
	return NULL;
}

static const char *qbo_key(const char *kind, json_object *row)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	if (kind_id == QS_KIND_CUSTOMER) return qse_jstr(row, "DisplayName");
	if (kind_id == QS_KIND_ITEM) return qse_jstr(row, "Name");
	if (kind_id == QS_KIND_INVOICE) return qse_jstr(row, "DocNumber");
	return NULL;
}

/* The text names are compared by: trimmed and ASCII-lower-cased (QBO keeps
 * names unique that way); document numbers as they are. malloc'd. */
static char *norm_key(const char *kind, const char *s)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	size_t n;
	char *out;
	if (!s) {
		return NULL;
	}
	if (kind_id == QS_KIND_INVOICE) {
		return strdup(s);
	}
	while (isspace((unsigned char)*s)) s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1])) n--;
	out = malloc(n + 1);
	if (out) {
		size_t i;
		for (i = 0; i < n; i++) {
			out[i] = (char)tolower((unsigned char)s[i]);
		}
		out[n] = '\0';
	}
	return out;
}

typedef struct cand_ctx {
	qs_engine *eng;
	const char *kind;
	const char *key;           /* without an index: the one key looked for */
	kind_idx *ki;              /* with one: every candidate is added */
	char found[65];
	int hits;
} cand_ctx;

/* A local record can be linked by name when it has no QBO Id and (customers,
 * items) no mapping either. */
static void cand_cb(void *ud, const qs_entity *en)
{
	cand_ctx *c = ud;
	json_object *doc;
	char *key;
	if (en->qbo_id[0] || !en->doc) {
		return;
	}
	if (en->kind_id == QS_KIND_CUSTOMER || en->kind_id == QS_KIND_ITEM) {
		qs_mapping m;
		bool found = false;
		if (qs_store_map_get(c->eng->store, c->eng->conn_key, c->kind, en->id, NULL, &m, &found, NULL) != QS_OK || found) {
			return;
		}
	}
	doc = json_tokener_parse(en->doc);
	key = doc ? norm_key(c->kind, match_key(c->kind, doc)) : NULL;
	json_object_put(doc);
	if (!key || !*key) {
		free(key);
		return;
	}
	if (c->ki) {
		kind_idx *ki = c->ki;
		if (ki->ncand == ki->capc) {
			size_t cap = ki->capc ? ki->capc * 2 : 64;
			link_cand *nv = realloc(ki->cand, cap * sizeof(*nv));
			if (!nv) {
				free(key);
				return;
			}
			ki->cand = nv;
			ki->capc = cap;
		}
		ki->cand[ki->ncand].key = key;
		qs_strlcpy(ki->cand[ki->ncand].local, en->id, sizeof(ki->cand[0].local));
		ki->cand[ki->ncand].used = false;
		ki->ncand++;
		return;
	}
	if (!strcmp(key, c->key)) {
		if (!c->hits) {
			qs_strlcpy(c->found, en->id, sizeof(c->found));
		}
		c->hits++;
	}
	free(key);
}

/* The one unlinked local record whose name / number is key (normalised):
 * false when none or more than one. */
static qs_status find_candidate(qs_engine *eng, struct link_idx *idx, const char *kind, const char *key, char local[65],
	bool *one, qs_error *e)
{
	cand_ctx c;
	kind_idx *ki = kidx(idx, kind);
	*one = false;
	memset(&c, 0, sizeof(c));
	c.eng = eng;
	c.kind = kind;
	c.key = key;
	if (!ki) {
		if (qs_store_entity_list(eng->store, eng->conn_key, kind, NULL, NULL, 0, 0, cand_cb, &c, e) != QS_OK) {
			return e->status;
		}
		if (c.hits == 1) {
			qs_strlcpy(local, c.found, 65);
			*one = true;
		}
		return QS_OK;
	}
	if (!ki->cand_built) {
		c.ki = ki;
		if (qs_store_entity_list(eng->store, eng->conn_key, kind, NULL, NULL, 0, 0, cand_cb, &c, e) != QS_OK) {
			return e->status;
		}
		if (ki->ncand) {
			qsort(ki->cand, ki->ncand, sizeof(*ki->cand), cand_cmp);
		}
		ki->cand_built = true;
	}
	{
		/* the first candidate with that key, then how many share it */
		size_t lo = 0, hi = ki->ncand, i, n = 0, pick = 0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(ki->cand[mid].key, key) < 0) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		for (i = lo; i < ki->ncand && !strcmp(ki->cand[i].key, key); i++) {
			if (!ki->cand[i].used) {
				pick = i;
				n++;
			}
		}
		if (n == 1) {
			ki->cand[pick].used = true;
			qs_strlcpy(local, ki->cand[pick].local, 65);
			*one = true;
		}
	}
	return QS_OK;
}

/* Records that local record `local` of kind is QBO record row: the mapping
 * (customers, items) and the entity's QBO Id when it has none. */
static qs_status write_link(qs_engine *eng, const char *kind, const char *local, json_object *row, bool *linked, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	qs_entity en;
	qs_status r;
	const char *qid = qse_jstr(row, "Id"), *tok = qse_jstr(row, "SyncToken");
	*linked = false;
	r = qse_begin_entity(eng, kind, local, &en, e);
	if (r != QS_OK) {
		return r;
	}
	if (en.exists && en.qbo_id[0]) {
		qs_entity_clear(&en);
		qs_store_rollback(eng->store);
		return QS_OK;   /* linked meanwhile */
	}
	if (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM) {
		qs_mapping m;
		bool found = false;
		r = qs_store_map_get(eng->store, eng->conn_key, kind, local, NULL, &m, &found, e);
		if (r == QS_OK && found && strcmp(m.qbo_id, qid) != 0) {
			/* mapped to another QBO record on purpose: leave it */
			qs_entity_clear(&en);
			qs_store_rollback(eng->store);
			return QS_OK;
		}
		if (r == QS_OK && !found) {
			const char *name = qbo_key(kind, row);
			memset(&m, 0, sizeof(m));
			qs_strlcpy(m.kind, kind, sizeof(m.kind));
			qs_strlcpy(m.local_id, local, sizeof(m.local_id));
			qs_strlcpy(m.qbo_id, qid, sizeof(m.qbo_id));
			qs_strlcpy(m.name, name ? name : "", sizeof(m.name));
			m.created = qs_store_now();
			r = qs_store_map_put(eng->store, eng->conn_key, &m, e);
			*linked = r == QS_OK;
		}
	}
	if (r == QS_OK && en.exists) {
		qs_strlcpy(en.qbo_id, qid, sizeof(en.qbo_id));
		qs_strlcpy(en.sync_token, tok ? tok : "", sizeof(en.sync_token));
		r = qs_store_entity_put(eng->store, eng->conn_key, &en, e);
		*linked = r == QS_OK;
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK && *linked) {
		qse_log_msg(eng, "info", kind, local, "Linked to QuickBooks %s %s by the pull", qse_qbo_entity_of(kind), qid);
	}
	if (r != QS_OK) {
		*linked = false;
	}
	qs_entity_clear(&en);
	return r;
}

/* Links a QBO record that no local record is linked to yet: by its marker,
 * else by one unlinked local record with the same name / number (two such
 * records: ambiguous, left alone). */
static qs_status try_link(qs_engine *eng, struct link_idx *idx, const char *kind, json_object *row, bool *linked, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	char local[65];
	kind_idx *ki = kidx(idx, kind);
	qs_status r;
	*linked = false;
	if (!qse_usable_id(row)) {
		return QS_OK;
	}
	if (!marker_id(row, kind, local)) {
		char *key;
		bool one = false;
		if (kind_id == QS_KIND_PAYMENT) {
			return QS_OK;
		}
		key = norm_key(kind, qbo_key(kind, row));
		if (!key || !*key) {
			free(key);
			return QS_OK;
		}
		r = find_candidate(eng, idx, kind, key, local, &one, e);
		free(key);
		if (r != QS_OK || !one) {
			return r;
		}
	} else if (kind_id != QS_KIND_CUSTOMER && kind_id != QS_KIND_ITEM) {
		qs_entity en;
		bool ok;
		r = qs_store_entity_get(eng->store, eng->conn_key, kind, local, &en, e);
		ok = r == QS_OK && en.exists;
		qs_entity_clear(&en);
		if (r != QS_OK) {
			return r;
		}
		if (!ok) {
			return QS_OK;   /* ours by marker, but this store never held it */
		}
	}
	r = write_link(eng, kind, local, row, linked, e);
	if (r == QS_OK && *linked && ki && ki->rev_built && (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM)) {
		/* later records of this pull find it */
		if (rev_add(ki, qse_jstr(row, "Id"), local)) {
			qsort(ki->rev, ki->nrev, sizeof(*ki->rev), rev_cmp);
		}
	}
	return r;
}

static qs_status pull_doc(qs_engine *eng, struct link_idx *idx, const char *kind, json_object *row, bool link,
	json_object **doc, long *linked, qs_error *e)
{
	char local[65];
	find_ud f = {eng, idx};
	*doc = NULL;
	if (link && qse_usable_id(row) && !qse_jstr(row, "status") && !find_local(&f, kind, qse_jstr(row, "Id"), local)) {
		bool made = false;
		qs_status r = try_link(eng, idx, kind, row, &made, e);
		if (r != QS_OK) {
			return r;
		}
		if (made && linked) {
			(*linked)++;
		}
	}
	*doc = qs_map_from_qbo(kind, row, qs_currency_decimals(eng->home_currency[0] ? eng->home_currency : "USD"),
		find_local, &f);
	return *doc ? QS_OK : qs_error_set(e, QS_EINTERNAL, "Out of memory converting a QuickBooks record");
}

qs_status qse_pull_doc(qs_engine *eng, const char *kind, json_object *row, bool link, json_object **doc,
	long *linked, qs_error *e)
{
	return pull_doc(eng, NULL, kind, row, link, doc, linked, e);
}

/* ------------------------------------------------------------------ pull */

/* What a pull reads of one kind. */
typedef struct kind_pull {
	bool want;
	bool full;                 /* read in full (query paging), else by CDC */
	char since[40];            /* the CDC window's start, "" with none */
	double since_t;
	int group;                 /* CDC: the request (one per distinct since) that reads this kind */
	json_object *skip;         /* object keyed by the versions the last pull delivered in its
	                            * overlap ("Id:SyncToken"), to leave out; NULL: nothing left out */
	json_object *seen;         /* array: the versions this pull read that the next window holds */
} kind_pull;

typedef struct pull_ctx {
	qs_engine *eng;
	const qs_pull_opts *o;
	json_object *docs, *counts;
	long linked;
	bool stopped;
	double before;             /* local clock before the request being made */
	double wm;                 /* the next watermark, set by the pull's first answer (0 before it) */
	kind_pull kp[QS_PULL_NKINDS];
	struct link_idx idx;
} pull_ctx;

/* The next watermark, from the pull's first answer: QBO's clock when it
 * answered (t; without one, the local clock before the request) less the
 * request's duration (measured around qse_api, so a wait for the rate limiter
 * or a token refresh only widens it), i.e. QBO's clock at the read's start,
 * less PULL_OVERLAP for changes QBO commits after stamping them or stamps a
 * little early. The pull's later requests start after this one, so it serves
 * every kind the pull reads. */
static void mark_start(pull_ctx *p, double t)
{
	double took = qs_store_now() - p->before;
	if (p->wm != 0) {
		return;
	}
	p->wm = (t > 0 ? t - (took > 0 ? took : 0) : p->before) - PULL_OVERLAP;
}

/* "Id:SyncToken" of a QBO row, "Id:deleted" for a deleted record's stub. */
static bool row_version(json_object *row, char *buf, size_t size)
{
	const char *id = qse_jstr(row, "Id"), *tok = qse_jstr(row, "SyncToken");
	if (!id) {
		return false;
	}
	snprintf(buf, size, "%s:%s", id, qse_jstr(row, "status") ? "deleted" : tok ? tok : "");
	return true;
}

/* Whether a CDC from watermark wm returns the row again: LastUpdatedTime is
 * shown in whole seconds, so a row stamped up to a second before wm may have
 * changed after it; a row without a readable one counts as returned. */
static bool in_window(json_object *row, double wm)
{
	const char *lut = qse_jstr(qse_jget(row, "MetaData"), "LastUpdatedTime");
	double t;
	return !lut || !qs_qbo_time_parse(lut, &t) || t > wm - 1.0;
}

static qs_status take_rows(pull_ctx *p, int k, json_object *rows, qs_error *e)
{
	size_t i, n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
	json_object *cnt = qse_jget(p->counts, pull_kinds[k]);
	kind_pull *kp = &p->kp[k];
	for (i = 0; i < n && !p->stopped; i++) {
		json_object *row = json_object_array_get_idx(rows, i), *doc = NULL;
		char ver[112];
		bool has = row_version(row, ver, sizeof(ver));
		qs_status r;
		if (has && in_window(row, p->wm)) {
			json_object_array_add(kp->seen, json_object_new_string(ver));
		}
		if (has && kp->skip && json_object_object_get_ex(kp->skip, ver, NULL)) {
			continue;   /* delivered by the last pull, in its overlap */
		}
		r = pull_doc(p->eng, &p->idx, pull_kinds[k], row, p->o->link, &doc, &p->linked, e);
		if (r != QS_OK) {
			return r;
		}
		json_object_int_inc(cnt, 1);
		if (p->o->cb) {
			if (!p->o->cb(p->o->ud, pull_kinds[k], doc)) {
				p->stopped = true;
			}
			json_object_put(doc);
		} else {
			json_object_array_add(qse_jget(p->docs, pull_kinds[k]), doc);
		}
	}
	return QS_OK;
}

/* Every record of one kind, 1,000 a page (inactive customers and items too). */
static qs_status pull_full_kind(pull_ctx *p, int k, qs_error *e)
{
	long start;
	for (start = 1; !p->stopped; start += QS_QBO_PAGE) {
		char sql[160];
		json_object *page = NULL;
		size_t n;
		qs_status r;
		snprintf(sql, sizeof(sql), "select * from %s%s orderby Id startposition %ld maxresults %d", pull_entities[k],
			k <= 1 ? " where Active in (true, false)" : "", start, QS_QBO_PAGE);
		p->before = qs_store_now();
		r = qse_api(p->eng, OP_PAGE, pull_entities[k], NULL, NULL, NULL, NULL, sql, &page, e);
		if (r != QS_OK) {
			json_object_put(page);
			return r;
		}
		mark_start(p, qse_jget(page, "time") ? json_object_get_double(qse_jget(page, "time")) : 0);
		n = json_object_array_length(qse_jget(page, "rows"));
		r = take_rows(p, k, qse_jget(page, "rows"), e);
		json_object_put(page);
		if (r != QS_OK) {
			return r;
		}
		if (n < QS_QBO_PAGE) {
			break;
		}
	}
	return QS_OK;
}

/* The CDC request of group g (the kinds read by CDC with that window start).
 * *answer stays NULL with *too_much when QBO's answer may have been cut (1,000
 * objects) or the window is beyond what CDC serves: those kinds are then read
 * in full. */
static qs_status cdc_request(pull_ctx *p, int g, json_object **answer, bool *too_much, qs_error *e)
{
	char ents[96] = "";
	const char *since = NULL;
	json_object *t;
	double when = 0;
	int k;
	qs_status r;
	*answer = NULL;
	*too_much = false;
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		if (p->kp[k].want && !p->kp[k].full && p->kp[k].group == g) {
			size_t used = strlen(ents);
			snprintf(ents + used, sizeof(ents) - used, "%s%s", used ? "," : "", pull_entities[k]);
			since = p->kp[k].since;
		}
	}
	if (!since) {
		return QS_OK;
	}
	p->before = qs_store_now();
	r = qse_api(p->eng, OP_CDC, ents, NULL, NULL, NULL, NULL, since, answer, e);
	if (r == QS_EAPI && (!strcmp(e->element, "changedSince") || strstr(e->message, "30 days"))) {
		*too_much = true;   /* QBO's clock puts the watermark past 30 days */
		qs_error_clear(e);
		r = QS_OK;
	} else if (r == QS_OK && qs_qbo_cdc_total(*answer) >= QS_QBO_CDC_MAX) {
		*too_much = true;
	}
	if (r != QS_OK || *too_much) {
		json_object_put(*answer);
		*answer = NULL;
		return r;
	}
	t = qse_jget(*answer, "time");
	if (!t || !qs_qbo_time_parse(json_object_get_string(t), &when)) {
		when = 0;
	}
	mark_start(p, when);
	return QS_OK;
}

/* The versions a kind's last pull left in its overlap, as an object keyed by them. */
static qs_status load_skip(qs_engine *eng, int k, json_object **skip, qs_error *e)
{
	char name[48], *v = NULL;
	double at = 0;
	json_object *arr;
	size_t i, n;
	qs_status r;
	*skip = NULL;
	snprintf(name, sizeof(name), SEEN "%s", pull_kinds[k]);
	r = qs_store_meta_get(eng->store, eng->conn_key, name, &v, &at, e);
	if (r != QS_OK) {
		return r;
	}
	arr = v ? json_tokener_parse(v) : NULL;
	free(v);
	if (arr && json_object_is_type(arr, json_type_array)) {
		*skip = json_object_new_object();
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			json_object *s = json_object_array_get_idx(arr, i);
			if (json_object_is_type(s, json_type_string)) {
				json_object_object_add(*skip, json_object_get_string(s), NULL);
			}
		}
	}
	json_object_put(arr);
	return QS_OK;
}

/* Each kind's watermark: WATERMARK_KIND<kind>, else (a store from before
 * per-kind watermarks) the one WATERMARK, else none. */
static qs_status kind_since(qs_engine *eng, int k, const char *legacy, char **out, qs_error *e)
{
	char name[48];
	double at = 0;
	qs_status r;
	snprintf(name, sizeof(name), WATERMARK_KIND "%s", pull_kinds[k]);
	*out = NULL;
	r = qs_store_meta_get(eng->store, eng->conn_key, name, out, &at, e);
	if (r == QS_OK && !*out && legacy) {
		*out = strdup(legacy);
		if (!*out) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the pull's watermark");
		}
	}
	return r;
}

/* Stores, in one transaction, the watermark and the overlap's versions of
 * every kind the pull read. */
static qs_status store_marks(pull_ctx *p, const char *wm, qs_error *e)
{
	qs_engine *eng = p->eng;
	double now = qs_store_now();
	int k;
	qs_status r = qs_store_begin(eng->store, false, e);
	for (k = 0; k < QS_PULL_NKINDS && r == QS_OK; k++) {
		char name[48];
		if (!p->kp[k].want) {
			continue;
		}
		snprintf(name, sizeof(name), SEEN "%s", pull_kinds[k]);
		r = qs_store_meta_put(eng->store, eng->conn_key, name,
			json_object_to_json_string_ext(p->kp[k].seen, JSON_C_TO_STRING_PLAIN), now, e);
		if (r == QS_OK) {
			snprintf(name, sizeof(name), WATERMARK_KIND "%s", pull_kinds[k]);
			r = qs_store_meta_put(eng->store, eng->conn_key, name, wm, now, e);
		}
	}
	if (r == QS_OK) {
		return qs_store_commit(eng->store, e);
	}
	qs_store_rollback(eng->store);
	return r;
}

qs_status qs_engine_pull(qs_engine *eng, const qs_pull_opts *o, json_object **result, qs_error *e)
{
	pull_ctx p;
	json_object *answers[QS_PULL_NKINDS] = {NULL};
	bool any = false;
	char *legacy = NULL, wm[40];
	double at = 0, start = qs_store_now();
	const char *mode;
	int k, g, ngroups = 0, nfull = 0, nwant = 0;
	qs_status r = QS_OK;

	*result = NULL;
	memset(&p, 0, sizeof(p));
	p.eng = eng;
	p.o = o;
	p.counts = json_object_new_object();
	p.docs = json_object_new_object();
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		any = any || o->kinds[k];
	}
	if (!o->since) {
		r = qs_store_meta_get(eng->store, eng->conn_key, WATERMARK, &legacy, &at, e);
	}
	for (k = 0; k < QS_PULL_NKINDS && r == QS_OK; k++) {
		kind_pull *kp = &p.kp[k];
		char *stored = NULL;
		const char *since = o->since;
		kp->want = any ? o->kinds[k] : true;
		if (!kp->want) {
			continue;
		}
		nwant++;
		if (!since) {
			r = kind_since(eng, k, legacy, &stored, e);
			since = stored;
		}
		if (r == QS_OK && since) {
			if (!qs_qbo_time_parse(since, &kp->since_t)) {
				r = qs_error_set(e, QS_EVALIDATION, "The pull's since \"%.40s\" is not an ISO 8601 date or time; give e.g. 2026-11-01T00:00:00Z", since);
			} else {
				qs_qbo_time_format(kp->since_t, kp->since, sizeof(kp->since));
			}
		}
		free(stored);
		/* a full read when asked, when nothing was pulled before, or when the
		 * watermark is (nearly) older than what CDC serves */
		kp->full = o->full || !kp->since[0] || kp->since_t < start - QS_QBO_CDC_DAYS * 86400.0 + CDC_MARGIN;
		if (r == QS_OK && !kp->full && !o->since) {
			/* only a CDC from the stored watermark leaves out what the last pull delivered */
			r = load_skip(eng, k, &kp->skip, e);
		}
		kp->seen = json_object_new_array();
		json_object_object_add(p.counts, pull_kinds[k], json_object_new_int64(0));
		json_object_object_add(p.docs, pull_kinds[k], json_object_new_array());
	}
	/* One CDC request per distinct window start, rather than one from the
	 * oldest watermark for all: a kind read recently would otherwise get back
	 * up to 30 days of its changes, only to leave them out, and they count
	 * towards the 1,000 objects that make QBO cut its answer (which turns the
	 * whole request into full reads). The kinds a pull reads get one watermark
	 * (mark_start), so after one pull of them all they are one request again. */
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		int j;
		if (!p.kp[k].want || p.kp[k].full) {
			continue;
		}
		p.kp[k].group = ngroups;
		for (j = 0; j < k; j++) {
			if (p.kp[j].want && !p.kp[j].full && !strcmp(p.kp[j].since, p.kp[k].since)) {
				p.kp[k].group = p.kp[j].group;
				break;
			}
		}
		if (p.kp[k].group == ngroups) {
			ngroups++;
		}
	}
	if (r == QS_OK) {
		qse_ensure_company(eng);
	}
	/* every CDC answer first (nothing taken yet when one sends its kinds to a
	 * full read), then the kinds in their order: later ones refer to earlier ones */
	for (g = 0; g < ngroups && r == QS_OK; g++) {
		bool too_much = false;
		r = cdc_request(&p, g, &answers[g], &too_much, e);
		for (k = 0; k < QS_PULL_NKINDS && r == QS_OK && too_much; k++) {
			if (p.kp[k].want && !p.kp[k].full && p.kp[k].group == g) {
				p.kp[k].full = true;
				json_object_put(p.kp[k].skip);
				p.kp[k].skip = NULL;
			}
		}
	}
	for (k = 0; k < QS_PULL_NKINDS && r == QS_OK && !p.stopped; k++) {
		if (!p.kp[k].want) {
			continue;
		}
		if (p.kp[k].full) {
			r = pull_full_kind(&p, k, e);
		} else {
			r = take_rows(&p, k, qs_qbo_cdc_rows(answers[p.kp[k].group], pull_entities[k]), e);
		}
	}
	if (p.wm == 0) {
		p.wm = start - PULL_OVERLAP;
	}
	qs_qbo_time_format(p.wm, wm, sizeof(wm));
	if (r == QS_OK && !p.stopped) {
		/* only a pull that read everything moves the watermarks (of the kinds it read) */
		r = store_marks(&p, wm, e);
	}
	free(legacy);
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		json_object_put(answers[k]);
		json_object_put(p.kp[k].skip);
		json_object_put(p.kp[k].seen);
	}
	link_idx_free(&p.idx);
	if (r != QS_OK) {
		json_object_put(p.docs);
		json_object_put(p.counts);
		return r;
	}
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		nfull += p.kp[k].want && p.kp[k].full;
	}
	mode = nfull == 0 ? "cdc" : nfull == nwant ? "full" : "mixed";
	qse_log_msg(eng, "info", NULL, NULL, "Pulled from QuickBooks (%s): %s; %ld linked", mode,
		json_object_to_json_string_ext(p.counts, JSON_C_TO_STRING_PLAIN), p.linked);
	*result = json_object_new_object();
	json_object_object_add(*result, "counts", p.counts);
	json_object_object_add(*result, "linked", json_object_new_int64(p.linked));
	json_object_object_add(*result, "watermark", json_object_new_string(wm));
	json_object_object_add(*result, "mode", json_object_new_string(mode));
	if (o->cb) {
		json_object_put(p.docs);
	} else {
		json_object_object_add(*result, "documents", p.docs);
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ reference data */

typedef enum ref_type { REF_ACCOUNT, REF_ITEM, REF_TAX_CODE, REF_PAYMENT_METHOD, REF_TERM, REF_CUSTOMER, REF_COMPANY, REF__COUNT } ref_type;
static const char *const ref_names[REF__COUNT] = {"account", "item", "tax_code", "payment_method", "term", "customer", "company"};
static const char *const ref_entities[REF__COUNT] = {"Account", "Item", "TaxCode", "PaymentMethod", "Term", "Customer", "CompanyInfo"};

static void add_str(json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static void add_bool(json_object *o, const char *key, json_object *v, bool dflt)
{
	json_object_object_add(o, key, json_object_new_boolean(v ? json_object_get_boolean(v) : dflt));
}

/* One QBO row as a picker row. */
static json_object *ref_row(qs_engine *eng, ref_type t, json_object *row)
{
	json_object *o = json_object_new_object();
	int dec = qs_currency_decimals(eng->home_currency[0] ? eng->home_currency : "USD");
	add_str(o, "id", qse_jstr(row, "Id"));
	add_str(o, "name", qse_jstr(row, t == REF_CUSTOMER ? "DisplayName" : "Name"));
	switch (t) {
	case REF_ACCOUNT:
		add_str(o, "account_type", qse_jstr(row, "AccountType"));
		add_str(o, "account_sub_type", qse_jstr(row, "AccountSubType"));
		add_str(o, "classification", qse_jstr(row, "Classification"));
		add_str(o, "currency", qse_jstr(qse_jget(row, "CurrencyRef"), "value"));
		break;
	case REF_ITEM: {
		qs_money m;
		char buf[32];
		const char *ty = qse_jstr(row, "Type");
		add_str(o, "type", !ty ? NULL : !strcmp(ty, "Service") ? "service" : !strcmp(ty, "NonInventory") ? "non_inventory"
			: !strcmp(ty, "Inventory") ? "inventory" : ty);
		if (qs_verify_amount(qse_jget(row, "UnitPrice"), dec, &m)) {
			qs_money_format(m, dec, buf, sizeof(buf));
			add_str(o, "price", buf);
		} else {
			add_str(o, "price", NULL);
		}
		add_str(o, "income_account", qse_jstr(qse_jget(row, "IncomeAccountRef"), "value"));
		break;
	}
	case REF_TAX_CODE:
		add_str(o, "description", qse_jstr(row, "Description"));
		add_bool(o, "taxable", qse_jget(row, "Taxable"), false);
		break;
	case REF_PAYMENT_METHOD:
		add_str(o, "type", qse_jstr(row, "Type"));
		break;
	case REF_TERM: {
		json_object *d = qse_jget(row, "DueDays");
		json_object_object_add(o, "due_days", d ? json_object_new_int64(json_object_get_int64(d)) : NULL);
		break;
	}
	case REF_CUSTOMER: {
		qs_money m;
		char buf[32];
		add_str(o, "email", qse_jstr(qse_jget(row, "PrimaryEmailAddr"), "Address"));
		add_str(o, "company", qse_jstr(row, "CompanyName"));
		if (qs_verify_amount(qse_jget(row, "Balance"), dec, &m)) {
			qs_money_format(m, dec, buf, sizeof(buf));
			add_str(o, "balance", buf);
		} else {
			add_str(o, "balance", NULL);
		}
		break;
	}
	default:
		break;
	}
	add_bool(o, "active", qse_jget(row, "Active"), true);
	return o;
}

/* Reads one type from QBO (every page) as a new array of picker rows. */
static qs_status ref_read(qs_engine *eng, ref_type t, json_object **rows, qs_error *e)
{
	long start;
	qs_status r;
	*rows = json_object_new_array();
	if (t == REF_COMPANY) {
		json_object *ci = NULL, *pref = NULL, *o, *cp;
		r = qse_api(eng, OP_READ, "CompanyInfo", NULL, eng->realm, NULL, NULL, NULL, &ci, e);
		if (r == QS_OK) {
			json_object *pr = NULL;
			r = qse_api(eng, OP_QUERY, "Preferences", NULL, NULL, NULL, NULL, "select * from Preferences", &pr, e);
			if (r == QS_OK) {
				pref = json_object_get(qse_first_row(pr));
			}
			json_object_put(pr);
		}
		if (r != QS_OK) {
			json_object_put(ci);
			json_object_put(pref);
			json_object_put(*rows);
			*rows = NULL;
			return r;
		}
		cp = qse_jget(pref, "CurrencyPrefs");
		o = json_object_new_object();
		add_str(o, "id", eng->realm);
		add_str(o, "name", qse_jstr(ci, "CompanyName"));
		add_str(o, "legal_name", qse_jstr(ci, "LegalName"));
		add_str(o, "country", qse_jstr(ci, "Country"));
		add_str(o, "home_currency", qse_jstr(qse_jget(cp, "HomeCurrency"), "value") ? qse_jstr(qse_jget(cp, "HomeCurrency"), "value")
			: eng->home_currency);
		add_bool(o, "multi_currency", qse_jget(cp, "MultiCurrencyEnabled"), false);
		json_object_array_add(*rows, o);
		json_object_put(ci);
		json_object_put(pref);
		return QS_OK;
	}
	for (start = 1;; start += QS_QBO_PAGE) {
		char sql[160];
		json_object *page = NULL, *list;
		size_t i, n;
		snprintf(sql, sizeof(sql), "select * from %s%s startposition %ld maxresults %d", ref_entities[t],
			t == REF_TAX_CODE ? "" : " where Active = true", start, QS_QBO_PAGE);
		r = qse_api(eng, OP_PAGE, ref_entities[t], NULL, NULL, NULL, NULL, sql, &page, e);
		if (r != QS_OK) {
			json_object_put(page);
			json_object_put(*rows);
			*rows = NULL;
			return r;
		}
		list = qse_jget(page, "rows");
		n = json_object_array_length(list);
		for (i = 0; i < n; i++) {
			json_object_array_add(*rows, ref_row(eng, t, json_object_array_get_idx(list, i)));
		}
		json_object_put(page);
		if (n < QS_QBO_PAGE) {
			break;
		}
	}
	return QS_OK;
}

/* Reads the type from QBO and caches it. */
static qs_status ref_refresh(qs_engine *eng, ref_type t, json_object **rows, qs_error *e)
{
	char name[40];
	qs_status r = ref_read(eng, t, rows, e);
	if (r != QS_OK) {
		return r;
	}
	snprintf(name, sizeof(name), "ref.%s", ref_names[t]);
	r = qs_store_meta_put(eng->store, eng->conn_key, name, json_object_to_json_string_ext(*rows, JSON_C_TO_STRING_PLAIN),
		qs_store_now(), e);
	if (r != QS_OK) {
		json_object_put(*rows);
		*rows = NULL;
	}
	return r;
}

void qse_reference_daily(qs_engine *eng)
{
	int t;
	for (t = 0; t < REF__COUNT; t++) {
		char name[40], *v = NULL;
		double at = 0;
		qs_error e;
		json_object *rows = NULL;
		qs_error_clear(&e);
		snprintf(name, sizeof(name), "ref.%s", ref_names[t]);
		if (qs_store_meta_get(eng->store, eng->conn_key, name, &v, &at, &e) != QS_OK || !v) {
			free(v);
			continue;   /* never read: nobody needs it kept fresh */
		}
		free(v);
		if (qs_store_now() - at < REF_MAX_AGE) {
			continue;
		}
		if (ref_refresh(eng, (ref_type)t, &rows, &e) != QS_OK) {
			qse_log_msg(eng, "warn", NULL, NULL, "The daily refresh of QuickBooks %s data failed: %s", ref_names[t], e.message);
			if (e.status == QS_EAUTH || qse_retryable(e.status)) {
				return;
			}
			continue;
		}
		json_object_put(rows);
	}
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay) {
		return false;
	}
	for (; *hay; hay++) {
		if (!strncasecmp(hay, needle, n)) {
			return true;
		}
	}
	return n == 0;
}

qs_status qs_engine_reference(qs_engine *eng, const char *type, json_object *options, json_object **out, qs_error *e)
{
	int t;
	bool refresh = false;
	const char *account_type = NULL, *search = NULL;
	long limit = 0;
	json_object *rows = NULL;
	char name[40], *v = NULL;
	double at = 0;
	qs_status r;
	size_t i, n;

	*out = NULL;
	for (t = 0; t < REF__COUNT; t++) {
		if (!strcmp(type, ref_names[t])) {
			break;
		}
	}
	if (t == REF__COUNT) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown reference type \"%.40s\": use account, item, tax_code, payment_method, term, customer or company", type);
	}
	if (options) {
		json_object_object_foreach(options, key, val) {
			if (!strcmp(key, "refresh")) {
				refresh = json_object_get_boolean(val);
			} else if (!strcmp(key, "account_type") && t == REF_ACCOUNT) {
				account_type = json_object_get_string(val);
			} else if (!strcmp(key, "search") && t == REF_CUSTOMER) {
				search = json_object_get_string(val);
			} else if (!strcmp(key, "limit") && t == REF_CUSTOMER) {
				limit = (long)json_object_get_int64(val);
			} else {
				return qs_error_set(e, QS_EVALIDATION, "Unknown option \"%.40s\" for reference type %s (refresh%s)", key, ref_names[t],
					t == REF_ACCOUNT ? ", account_type" : t == REF_CUSTOMER ? ", search, limit" : "");
			}
		}
	}
	snprintf(name, sizeof(name), "ref.%s", ref_names[t]);
	if (!refresh) {
		r = qs_store_meta_get(eng->store, eng->conn_key, name, &v, &at, e);
		if (r != QS_OK) {
			return r;
		}
		rows = v ? json_tokener_parse(v) : NULL;
		free(v);
		if (rows && !json_object_is_type(rows, json_type_array)) {
			json_object_put(rows);
			rows = NULL;
		}
	}
	if (!rows) {
		r = ref_refresh(eng, (ref_type)t, &rows, e);
		if (r != QS_OK) {
			return r;
		}
	}
	if (!account_type && !search && limit <= 0) {
		*out = rows;
		return QS_OK;
	}
	*out = json_object_new_array();
	n = json_object_array_length(rows);
	for (i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		if (account_type && strcasecmp(qse_jstr(row, "account_type") ? qse_jstr(row, "account_type") : "", account_type) != 0) {
			continue;
		}
		if (search && !contains_ci(qse_jstr(row, "name"), search) && !contains_ci(qse_jstr(row, "email"), search)) {
			continue;
		}
		json_object_array_add(*out, json_object_get(row));
		if (limit > 0 && (long)json_object_array_length(*out) >= limit) {
			break;
		}
	}
	json_object_put(rows);
	return QS_OK;
}
