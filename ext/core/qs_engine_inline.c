/* qs_engine_inline: inline delivery, driven from the top: a pushed document
 * is recorded (qs_engine_record.c, which sends nothing) and then, when the
 * delivery mode says so, delivered during the call (the answer is the state
 * after that delivery); the records that delivery released from Waiting are
 * handed back here (eng->released_out) and delivered next, in rank order,
 * those they release in turn right after each, by a loop over a stack of
 * release lists. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qs_state.h"

#include <stdlib.h>
#include <string.h>

/* One list of released records being delivered: the rounds of one release
 * (a round: the list in rank order, a kind's records together as the
 * pipeline's waves, or one at a time; the records those waves release make
 * the next round). Where a one-record delivery releases records, their list
 * is delivered before this one goes on. */
typedef enum { REL_ROUND, REL_GROUP, REL_WAVE_AFTER, REL_SINGLE } rel_phase;

typedef struct rel_frame {
	qse_released cur, next;
	rel_phase phase;
	int rounds;
	size_t i, j, a;       /* the kind's group cur.v[i..j), its next record a */
	qse_wave_out *out;    /* the group's outcomes as a wave */
	bool stop;
} rel_frame;

/* qse_deliver_one, the records it released listed in *rel. */
static qs_status deliver_listing(qs_engine *eng, const char *kind, const char *id, qse_released *rel)
{
	struct qse_released *saved = eng->released_out;
	bool b;
	qs_state st;
	qs_error e2;
	qs_status r;
	qs_error_clear(&e2);
	eng->released_out = rel;
	r = qse_deliver_one(eng, kind, id, &b, &st, &e2);
	eng->released_out = saved;
	return r;
}

/* One step of a frame: at most one one-record delivery (what it released in
 * *rel). false: the frame is done. */
static bool rel_step(qs_engine *eng, rel_frame *f, qse_released *rel)
{
	size_t i, j, a, k, cap = (size_t)(eng->batch > 1 ? eng->batch : 1) * QSE_WAVES_MAX;
	for (;;) {
		switch (f->phase) {
		case REL_ROUND:
			if (!f->cur.n || f->stop || f->rounds++ >= 64 || qse_throttled(eng)) {
				return false;
			}
			memset(&f->next, 0, sizeof(f->next));
			/* rank order, the release order kept within a rank (insertion sort: few records) */
			for (i = 1; i < f->cur.n; i++) {
				deferred_ref x = f->cur.v[i];
				int rk = qs_kind_rank(x.kind);
				for (j = i; j > 0 && qs_kind_rank(f->cur.v[j - 1].kind) > rk; j--) {
					f->cur.v[j] = f->cur.v[j - 1];
				}
				f->cur.v[j] = x;
			}
			f->i = 0;
			f->phase = REL_GROUP;
			break;
		case REL_GROUP:
			if (f->i >= f->cur.n || f->stop) {
				free(f->cur.v);
				f->cur = f->next;
				memset(&f->next, 0, sizeof(f->next));
				f->phase = REL_ROUND;
				break;
			}
			i = f->i;
			for (j = i; j < f->cur.n && j - i < cap && !strcmp(f->cur.v[j].kind, f->cur.v[i].kind); j++) {
			}
			f->j = j;
			k = j - i;
			if (eng->batch > 1 && k > 1) {
				const char *kinds[QS_BATCH_MAX * QSE_WAVES_MAX], *ids[QS_BATCH_MAX * QSE_WAVES_MAX];
				struct qse_released *saved = eng->wave_released, *saved_out = eng->released_out;
				qs_error we;
				f->out = calloc(k, sizeof(*f->out));
				if (!f->out) {
					f->stop = true;
					break;
				}
				for (a = 0; a < k; a++) {
					kinds[a] = f->cur.v[i + a].kind;
					ids[a] = f->cur.v[i + a].id;
				}
				qs_error_clear(&we);
				eng->wave_released = &f->next;
				eng->released_out = rel;
				if (qse_deliver_waves(eng, kinds, ids, k, (size_t)eng->batch, f->out, &we) != QS_OK) {
					f->stop = true;
				}
				eng->wave_released = saved;
				eng->released_out = saved_out;
				f->a = 0;
				f->phase = REL_WAVE_AFTER;
				if (rel->n) {
					return true;
				}
			} else {
				f->a = i;
				f->phase = REL_SINGLE;
			}
			break;
		case REL_WAVE_AFTER:
			k = f->j - f->i;
			if (f->a >= k || f->stop) {
				free(f->out);
				f->out = NULL;
				f->i = f->j;
				f->phase = REL_GROUP;
				break;
			}
			a = f->a++;
			if (f->out[a].r == QS_EAUTH || f->out[a].r == QS_ESTORE) {
				f->stop = true;
			} else if (!f->out[a].busy && f->out[a].state == QS_STATE_WAITING) {
				/* still Waiting after its wave (on another dependency): the one-record path */
				if (deliver_listing(eng, f->cur.v[f->i + a].kind, f->cur.v[f->i + a].id, rel) == QS_EAUTH) {
					f->stop = true;
				}
				return true;
			}
			break;
		case REL_SINGLE:
			if (f->a >= f->j || f->stop) {
				f->i = f->j;
				f->phase = REL_GROUP;
				break;
			}
			a = f->a++;
			if (deliver_listing(eng, f->cur.v[a].kind, f->cur.v[a].id, rel) == QS_EAUTH) {
				f->stop = true;
			}
			return true;
		}
	}
}

/* Delivers the released records of *first (taken over) and what they release. */
static void deliver_released(qs_engine *eng, qse_released *first)
{
	rel_frame *st = NULL;
	size_t n = 0, cap = 0;
	if (!first->n) {
		free(first->v);
		return;
	}
	st = qs_grow(NULL, &cap, 0, sizeof(*st), 4);
	if (!st) {
		free(first->v);
		return;
	}
	memset(&st[0], 0, sizeof(st[0]));
	st[0].cur = *first;
	n = 1;
	memset(first, 0, sizeof(*first));
	while (n) {
		qse_released rel;
		rel_frame *nv;
		memset(&rel, 0, sizeof(rel));
		if (!rel_step(eng, &st[n - 1], &rel)) {
			free(st[n - 1].cur.v);
			free(st[n - 1].next.v);
			free(st[n - 1].out);
			n--;
			free(rel.v);
			continue;
		}
		if (!rel.n) {
			free(rel.v);
			continue;
		}
		nv = qs_grow(st, &cap, n, sizeof(*st), 4);
		if (!nv) {
			free(rel.v);
			continue;
		}
		st = nv;
		memset(&st[n], 0, sizeof(st[n]));
		st[n].cur = rel;
		n++;
	}
	free(st);
}

qs_status qse_deliver_top(qs_engine *eng, const char *kind, const char *id, bool *busy,
	qs_state *final_state, qs_error *e)
{
	struct qse_released *saved = eng->released_out;
	qse_released rel;
	qs_status r;
	memset(&rel, 0, sizeof(rel));
	eng->released_out = &rel;
	r = qse_deliver_one(eng, kind, id, busy, final_state, e);
	eng->released_out = saved;
	deliver_released(eng, &rel);
	return r;
}

qs_status qse_push_norm_view(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_state_view *view, qs_error *e)
{
	qs_status r;
	bool send = false;
	char id[65];

	qs_strlcpy(id, qse_jstr(norm, "id") ? qse_jstr(norm, "id") : "", sizeof(id));
	r = qse_record_norm(eng, kind, norm, flags, &send, state, view, e);
	if (r != QS_OK || !send) {
		return r;
	}
	if (qse_throttled(eng)) {
		return QS_OK;   /* QBO asked every process to pause: it stays queued */
	}
	/* inline: send now; the answer is the state after the delivery */
	json_object_put(*state);
	*state = NULL;
	if (view) {
		view->n = 0;
	}
	{
		bool busy = false;
		qs_state st;
		qs_error de;
		qs_error_clear(&de);
		eng->inline_ctx = true;
		r = qse_deliver_top(eng, kind, id, &busy, &st, &de);
		eng->inline_ctx = false;
		if (r == QS_EAUTH) {
			/* never connected yet: the record waits in the queue, no exception */
			qs_conn_row row;
			bool never = qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK
				&& !row.refresh && row.status == QS_CONN_NOT_CONNECTED;
			qs_conn_row_clear(&row);
			if (never) {
				r = QS_OK;
			}
		}
		if (r == QS_EAPI || r == QS_EAUTH || r == QS_ESTORE) {
			qs_error_copy(e, &de);
			qse_state_of(eng, kind, id, state, NULL);
			return r;
		}
	}
	return qse_state_of(eng, kind, id, state, e);
}

qs_status qse_push_norm(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_error *e)
{
	return qse_push_norm_view(eng, kind, norm, flags, state, NULL, e);
}
