/* qs_state: the closed set of a record's sync states as an enum with its
 * name table. The names are what the store keeps and qbo_status(),
 * qbo_entities() and qbo_push() show ("Synced", "Not Tried", ...). */
#ifndef QS_STATE_H
#define QS_STATE_H

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

/* The name of a state ("" for an out-of-range value). */
const char *qs_state_name(qs_state s);
/* The state of a name; QS__STATE_COUNT when name (may be NULL) is none. */
qs_state qs_state_of(const char *name);
/* Whether name is the name of state s. */
int qs_state_is(const char *name, qs_state s);

#endif
