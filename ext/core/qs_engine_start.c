/* qs_engine_start: a connected customer's start date (qbo_map('customer', …,
 * ['start_date' => 'YYYY-MM-DD'])): that customer's invoices, payments,
 * refunds and credits dated before it are Skipped with the reason. Judging
 * them again when the date changes is qbo_map's (qs_engine_map.c). */
#include "qs_engine_int.h"
#include "qs_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether a customer's start date keeps out records of the kind (its row's customer_start). */
static bool is_fin_kind(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k && k->customer_start;
}

bool qse_start_date_ok(const char *d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int i, mon, day;
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-') {
		return false;
	}
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) {
			return false;
		}
	}
	mon = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	return mon >= 1 && mon <= 12 && day >= 1 && day <= days[mon - 1];
}

/* src cut to at most size - 1 bytes without splitting a UTF-8 sequence. */
static void utf8_cut(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src), i;
	if (n >= size) {
		n = size - 1;
		i = n;
		while (i > 0 && ((unsigned char)src[i] & 0xC0) == 0x80) {
			i--;   /* src[n] continues a sequence: cut before its lead byte */
		}
		n = i;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool qse_skipped_by_customer_start(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n,
	char start[11])
{
	const char *cust = qse_jstr(norm, "customer");
	const char *d = qse_jstr(norm, "date");
	qs_mapping m;
	bool found = false;
	char name[201];
	if (!is_fin_kind(kind) || !cust || !*cust) {
		return false;
	}
	if (!d) {
		d = qse_jstr(norm, "created");
	}
	if (!d || qs_store_map_get(eng->store, eng->conn_key, "customer", cust, "", &m, &found, NULL) != QS_OK || !found
			|| !m.start_date[0] || strncmp(d, m.start_date, 10) >= 0) {
		return false;
	}
	if (start) {
		qs_strlcpy(start, m.start_date, 11);
	}
	utf8_cut(name, sizeof(name), m.name[0] ? m.name : m.qbo_id);
	snprintf(reason, n, "Dated %.10s, before the start date %s " START_MARK "%.64s to QuickBooks customer '%s' (#%s)"
		" \xE2\x80\x94 not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '%.64s', "
		"'%s', ['start_date' => …])) to send it",
		d, m.start_date, cust, name, m.qbo_id, cust, m.qbo_id);
	return true;
}
