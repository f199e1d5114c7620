/* qs_state: the name tables of the closed sets of stored names (qs_state.h). */
#include "qs_state.h"

#include <stddef.h>
#include <string.h>

/* The index of name in names[0..n-1], n when none; an entry "" (a value
 * with no stored name) is never found. */
static int names_find(const char *const *names, int n, const char *name)
{
	int i;
	for (i = 0; name && name[0] && i < n; i++) {
		if (names[i] && !strcmp(name, names[i])) {
			return i;
		}
	}
	return n;
}

/* Defines the pair QS_NAMES_DECLARE declares, over the table names of count entries. */
#define QS_NAMES_DEFINE(type, prefix, count, names) \
	const char *prefix##_name(type v) \
	{ \
		return (int)v >= 0 && v < (count) && (names)[v] ? (names)[v] : ""; \
	} \
	type prefix##_of(const char *name) \
	{ \
		return (type)names_find((names), (int)(count), name); \
	}

static const char *const state_names[QS__STATE_COUNT] = {
	[QS_STATE_NOT_TRIED] = "Not Tried",
	[QS_STATE_WAITING] = "Waiting",
	[QS_STATE_SYNCED] = "Synced",
	[QS_STATE_MISMATCH] = "Mismatch",
	[QS_STATE_ERROR] = "Error",
	[QS_STATE_SKIPPED] = "Skipped",
	[QS_STATE_DISMISSED] = "Dismissed",
	[QS_STATE_DELETED] = "Deleted",
};
QS_NAMES_DEFINE(qs_state, qs_state, QS__STATE_COUNT, state_names)

static const char *const outbox_names[QS__OUTBOX_COUNT] = {
	[QS_OUTBOX_NONE] = "",
	[QS_OUTBOX_QUEUED] = "queued",
	[QS_OUTBOX_SENDING] = "sending",
	[QS_OUTBOX_WAITING] = "waiting",
};
QS_NAMES_DEFINE(qs_outbox_status, qs_outbox, QS__OUTBOX_COUNT, outbox_names)

static const char *const history_names[QS__HISTORY_COUNT] = {
	[QS_HISTORY_NONE] = "",
	[QS_HISTORY_RUNNING] = "running",
	[QS_HISTORY_DONE] = "done",
	[QS_HISTORY_CANCELLED] = "cancelled",
	[QS_HISTORY_FAILED] = "failed",
};
QS_NAMES_DEFINE(qs_history_state, qs_history, QS__HISTORY_COUNT, history_names)

static const char *const event_names[QS__EVENT_COUNT] = {
	[QS_EVENT_PENDING] = "pending",
	[QS_EVENT_DONE] = "done",
	[QS_EVENT_ERROR] = "error",
};
QS_NAMES_DEFINE(qs_event_status, qs_event, QS__EVENT_COUNT, event_names)

static const char *const conn_names[QS__CONN_COUNT] = {
	[QS_CONN_NOT_CONNECTED] = "Not Connected",
	[QS_CONN_ACTIVE] = "Active",
	[QS_CONN_DISCONNECTED] = "Disconnected",
	[QS_CONN_ERROR] = "Error",
};
QS_NAMES_DEFINE(qs_conn_status, qs_conn, QS__CONN_COUNT, conn_names)

qs_status qs_name_unknown(qs_error *e, const char *table, const char *row, const char *column, const char *value,
	const char *todo)
{
	return qs_error_set(e, QS_ESTORE,
		"The store's %s row %s has %s '%s', which this version of qbosync does not know: the row was damaged "
		"or written by another program; %s%s%s",
		table, row, column, value ? value : "(null)",
		todo ? todo : "restore the store from a backup or correct the row's ", todo ? "" : column, todo ? "" : ", then try again");
}
