/* qs_state: the name table of the sync states (qs_state.h). */
#include "qs_state.h"

#include <stddef.h>
#include <string.h>

static const char *const names[QS__STATE_COUNT] = {
	[QS_STATE_NOT_TRIED] = "Not Tried",
	[QS_STATE_WAITING] = "Waiting",
	[QS_STATE_SYNCED] = "Synced",
	[QS_STATE_MISMATCH] = "Mismatch",
	[QS_STATE_ERROR] = "Error",
	[QS_STATE_SKIPPED] = "Skipped",
	[QS_STATE_DISMISSED] = "Dismissed",
	[QS_STATE_DELETED] = "Deleted",
};

const char *qs_state_name(qs_state s)
{
	return (int)s >= 0 && s < QS__STATE_COUNT ? names[s] : "";
}

qs_state qs_state_of(const char *name)
{
	int i;
	for (i = 0; name && i < QS__STATE_COUNT; i++) {
		if (!strcmp(name, names[i])) {
			return (qs_state)i;
		}
	}
	return QS__STATE_COUNT;
}

int qs_state_is(const char *name, qs_state s)
{
	return name && (int)s >= 0 && s < QS__STATE_COUNT && !strcmp(name, names[s]);
}
