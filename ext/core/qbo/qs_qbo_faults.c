/* qs_qbo_faults: the name table of the QBO fault codes the engine acts on,
 * and what a person should do about each (qs_qbo_faults.h). */
#include "qs_qbo_faults.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *code;
	const char *hint;
} faults[QS__QBO_FAULT_COUNT] = {
	[QS_QBO_FAULT_OTHER] = { "", "correct the record or its mappings, then send it again with qbo_resend() (the addon's Resend button)" },
	[QS_QBO_FAULT_GONE] = { "610", "a record it refers to no longer exists in QuickBooks: map it again with qbo_map(), then send it again with qbo_resend() (the addon's Resend button)" },
	[QS_QBO_FAULT_REQUIRED] = { "2020", "a field QuickBooks requires is missing: complete the record in the billing system and push it again" },
	[QS_QBO_FAULT_TOO_LONG] = { "2050", "a field is longer than QuickBooks allows: shorten it in the billing system and push the record again" },
	[QS_QBO_FAULT_CURRENCY] = { "2410", "QuickBooks keeps its customer in a foreign currency: send the record with the customer's currency (and exchange_rate), then send it again with qbo_resend() (the addon's Resend button)" },
	[QS_QBO_FAULT_BAD_REF] = { "2500", "a record it refers to is inactive or deleted in QuickBooks: make it active again, or map this billing record's customer, item, tax or payment method to another one with qbo_map(), then send it again with qbo_resend() (the addon's Resend button)" },
	[QS_QBO_FAULT_STALE] = { "5010", "QuickBooks holds a newer version of the record than the one sent: push it again" },
	[QS_QBO_FAULT_BUSINESS] = { "6000", "QuickBooks' own rules refuse it: correct the record in the billing system (or in QuickBooks) and push it again" },
	[QS_QBO_FAULT_DUP_NUMBER] = { "6140", "QuickBooks already has a transaction with this number: renumber one of them in QuickBooks or in the billing system" },
	[QS_QBO_FAULT_DUP_NAME] = { "6240", "another QuickBooks customer, vendor or employee already uses this name: rename one of them, or link this customer with qbo_map()" },
};

qs_qbo_fault qs_qbo_fault_of(const char *code)
{
	int i;
	if (!code || !*code) {
		return QS_QBO_FAULT_OTHER;
	}
	for (i = 1; i < QS__QBO_FAULT_COUNT; i++) {
		if (!strcmp(code, faults[i].code)) {
			return (qs_qbo_fault)i;
		}
	}
	return QS_QBO_FAULT_OTHER;
}

const char *qs_qbo_fault_code(qs_qbo_fault f)
{
	return (int)f > 0 && f < QS__QBO_FAULT_COUNT ? faults[f].code : "";
}

const char *qs_qbo_fault_hint(const char *code)
{
	return faults[qs_qbo_fault_of(code)].hint;
}
