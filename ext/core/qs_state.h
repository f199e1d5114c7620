/* qs_state: the closed sets of names the store keeps as text, each an enum
 * with its name table: a record's sync states, the outbox row's status, the
 * history job's state, the QBO change event's status and the connection's
 * status. The names are what the store keeps (the stores convert at their
 * boundary) and what qbo_status(), qbo_entities() and qbo_push() show
 * ("Synced", "Not Tried", ...). */
#ifndef QS_STATE_H
#define QS_STATE_H

#include "qs_error.h"

/* Declares the pair of a set: prefix_name(v), the name of v ("" for an
 * out-of-range value or a value that has no stored name), and
 * prefix_of(name), the value of a name or count when name (may be NULL) is
 * none of them. */
#define QS_NAMES_DECLARE(type, prefix) \
	const char *prefix##_name(type v); \
	type prefix##_of(const char *name)

typedef enum qs_state {
	QS_STATE_NOT_TRIED = 0,   /* queued, not yet answered by QBO */
	QS_STATE_WAITING,         /* waits on a record it refers to */
	QS_STATE_SYNCED,          /* QBO holds the same money */
	QS_STATE_MISMATCH,        /* QBO holds other figures */
	QS_STATE_ERROR,           /* refused: the reason says what to do */
	QS_STATE_SKIPPED,         /* left out by a setting */
	QS_STATE_DISMISSED,       /* taken out of the queue by a person */
	QS_STATE_DELETED,         /* deleted in QBO as in the billing system (qbo_delete) */
	QS__STATE_COUNT
} qs_state;

QS_NAMES_DECLARE(qs_state, qs_state);

/* An outbox row's status; QS_OUTBOX_NONE (no name) when the record has no
 * outbox row. */
typedef enum qs_outbox_status {
	QS_OUTBOX_NONE = 0,       /* nothing pending */
	QS_OUTBOX_QUEUED,         /* "queued": due at next_try */
	QS_OUTBOX_SENDING,        /* "sending": claimed by owner at claimed */
	QS_OUTBOX_WAITING,        /* "waiting": on (wait_kind, wait_id) */
	QS__OUTBOX_COUNT
} qs_outbox_status;

QS_NAMES_DECLARE(qs_outbox_status, qs_outbox);

/* The history push job's state; QS_HISTORY_NONE (no name) when there is no job. */
typedef enum qs_history_state {
	QS_HISTORY_NONE = 0,
	QS_HISTORY_RUNNING,       /* "running" */
	QS_HISTORY_DONE,          /* "done" */
	QS_HISTORY_CANCELLED,     /* "cancelled" */
	QS_HISTORY_FAILED,        /* "failed" */
	QS__HISTORY_COUNT
} qs_history_state;

QS_NAMES_DECLARE(qs_history_state, qs_history);
/* What to do about a history job row with an unknown state (qs_name_unknown). */
#define QS_HISTORY_TODO "qbo_history() starts a new job in its place (with the next id), or correct the row's state"

/* A QBO change event's status (webhook notifications). */
typedef enum qs_event_status {
	QS_EVENT_PENDING = 0,     /* "pending": pull work */
	QS_EVENT_DONE,            /* "done" */
	QS_EVENT_ERROR,           /* "error" */
	QS__EVENT_COUNT
} qs_event_status;

QS_NAMES_DECLARE(qs_event_status, qs_event);

/* The connection's status (qbo_status()'s "status"). */
typedef enum qs_conn_status {
	QS_CONN_NOT_CONNECTED = 0, /* "Not Connected": no tokens yet */
	QS_CONN_ACTIVE,            /* "Active" */
	QS_CONN_DISCONNECTED,      /* "Disconnected": connect again (the reason says why) */
	QS_CONN_ERROR,             /* "Error": the reason says what to do */
	QS__CONN_COUNT
} qs_conn_status;

QS_NAMES_DECLARE(qs_conn_status, qs_conn);

/* Sets e to the QS_ESTORE of a stored name that none of a set's names is
 * (a damaged row, or one written by another program): it names the table,
 * the row, the column and the value, and what to do: todo, or (NULL) to
 * restore the store or correct the column. Returns QS_ESTORE. */
qs_status qs_name_unknown(qs_error *e, const char *table, const char *row, const char *column, const char *value,
	const char *todo);

#endif
