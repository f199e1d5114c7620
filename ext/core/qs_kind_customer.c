/* qs_kind_customer: the customer kind: its keys, validation (email, names, the
 * DisplayName rule, address), and its QBO Customer body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* email                                                                */

static bool email_ok(const char *s, size_t n)
{
	const char *at = NULL;
	size_t i, local_len, dom_len, label = 0, labels = 0, tld_alpha = 0;
	bool tld_ok = true;

	if (n < 3 || n > 100) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '@') {
			if (at) {
				return false;
			}
			at = s + i;
		}
	}
	if (!at) {
		return false;
	}
	local_len = (size_t)(at - s);
	dom_len = n - local_len - 1;
	if (local_len == 0 || local_len > 64 || dom_len < 3) {
		return false;
	}
	/* local part: dot-atom */
	if (s[0] == '.' || s[local_len - 1] == '.') {
		return false;
	}
	for (i = 0; i < local_len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' && s[i + 1] == '.') {
			return false;
		}
		if (c >= 0x80) {
			continue; /* internationalised local part (valid UTF-8 already) */
		}
		if (!isalnum(c) && !strchr(".!#$%&'*+/=?^_`{|}~-", c)) {
			return false;
		}
	}
	/* domain: labels of letters, digits, hyphens; at least two labels */
	for (i = 0; i <= dom_len; i++) {
		unsigned char c = i < dom_len ? (unsigned char)at[1 + i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || at[i] == '-' /* label ends with '-' */) {
				return false;
			}
			labels++;
			tld_ok = tld_alpha == label;
			label = 0;
			tld_alpha = 0;
			continue;
		}
		if (c == '-' && label == 0) {
			return false;
		}
		if (!(isalnum(c) || c == '-' || c >= 0x80)) {
			return false;
		}
		if (isalpha(c) || c >= 0x80) {
			tld_alpha++;
		}
		label++;
	}
	/* the top-level label is letters (or IDN), at least two of them */
	if (labels < 2 || !tld_ok) {
		return false;
	}
	{
		const char *dot = strrchr(at, '.');
		if (!dot || (size_t)(s + n - dot - 1) < 2) {
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* customer                                                             */

const char *const qsm_customer_keys[] = {
	"id", "email", "first_name", "last_name", "company", "display_name", "phone",
	"address", "currency", "tax_exempt", "created", NULL
};
static const char *const address_keys[] = {
	"line1", "line2", "city", "region", "postal_code", "country", NULL
};

/* The display name rule: ':' and control characters removed (spaces collapsed),
 * trimmed, at most 500 characters. malloc'd; "" when nothing is left. */
static char *display_clean(const char *s)
{
	char *c = qsm_clean_line(s, strlen(s), true, true);
	size_t n;
	if (!c) {
		return NULL;
	}
	n = strlen(c);
	if (qsm_utf8_chars(c, n) > 500) {
		size_t cut = qsm_utf8_prefix(c, n, 500);
		c[cut] = '\0';
		while (cut > 0 && c[cut - 1] == ' ') {
			c[--cut] = '\0';
		}
	}
	return c;
}

static qs_status validate_address(vctx *v, json_object *doc, json_object *norm)
{
	json_object *addr = qsm_get(doc, "address"), *out;
	char *country = NULL;
	qs_status st;

	if (!addr) {
		return QS_OK;
	}
	if (!qsm_is_object(addr)) {
		return qsm_verr(v, "address", "address is %s; send an array with line1, line2, city, region, postal_code, country",
			qsm_type_name(addr));
	}
	if (json_object_get_type(addr) == json_type_array) {
		return QS_OK; /* empty */
	}
	if (qsm_check_keys(v, addr, address_keys, "address") != QS_OK) {
		return QS_EVALIDATION;
	}
	out = json_object_new_object();
	if ((st = qsm_opt_text(v, addr, "line1", "address", 500, true, true, "shorten the address line", out, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, addr, "line2", "address", 500, true, true, "shorten the address line", out, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, addr, "city", "address", 255, true, false, "shorten the city", out, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, addr, "region", "address", 255, true, false, "shorten the region", out, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, addr, "postal_code", "address", 30, true, true, "shorten the postal code", out, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, addr, "country", "address", 0, true, false, "send a two-letter ISO 3166-1 code like \"US\"", NULL, &country)) != QS_OK) {
		json_object_put(out);
		return st;
	}
	if (country) {
		char q[96];
		if (strlen(country) != 2 || !isalpha((unsigned char)country[0]) || !isalpha((unsigned char)country[1])) {
			qsm_quote(country, strlen(country), q, sizeof(q));
			free(country);
			json_object_put(out);
			return qsm_verr(v, "address.country", "address.country %s is not a two-letter ISO 3166-1 code; send a code like \"US\" or \"GB\"", q);
		}
		country[0] = (char)toupper((unsigned char)country[0]);
		country[1] = (char)toupper((unsigned char)country[1]);
		qsm_put_str(out, "country", country, 2);
		free(country);
	}
	if (json_object_object_length(out) > 0) {
		QS_JSON_ADD(norm, "address", out);
	} else {
		json_object_put(out);
	}
	return QS_OK;
}

qs_status qsm_customer_validate(vctx *v, json_object *doc, json_object *norm)
{
	char *email = NULL, *first = NULL, *last = NULL, *company = NULL, *display = NULL;
	json_object *ev;
	char cur[4], q[96];
	bool b, present;
	qs_status st = QS_OK;

	ev = qsm_get(doc, "email");
	if (!ev) {
		return qsm_verr(v, "email", "email is missing; add the customer's email address in the billing system (QuickBooks invoices need it)");
	}
	if ((st = qsm_opt_text(v, doc, "email", NULL, 0, true, false, "fix it in the billing system", NULL, &email)) != QS_OK) {
		return st;
	}
	if (!email) {
		return qsm_verr(v, "email", "email is empty; add the customer's email address in the billing system (QuickBooks invoices need it)");
	}
	if (!email_ok(email, strlen(email))) {
		qsm_quote(email, strlen(email), q, sizeof(q));
		free(email);
		return qsm_verr(v, "email", "email %s is not a valid address; fix it in the billing system", q);
	}
	qsm_put_str(norm, "email", email, strlen(email));
	free(email);

	if ((st = qsm_opt_text(v, doc, "first_name", NULL, 100, true, false, "shorten it in the billing system", norm, &first)) != QS_OK ||
		(st = qsm_opt_text(v, doc, "last_name", NULL, 100, true, false, "shorten it in the billing system", norm, &last)) != QS_OK ||
		(st = qsm_opt_text(v, doc, "company", NULL, 100, true, false, "shorten it in the billing system", norm, &company)) != QS_OK) {
		goto done;
	}
	if (!first && !last && !company) {
		st = qsm_verr(v, "first_name", "first_name, last_name and company are all missing or empty; add a name or a company name in the billing system");
		goto done;
	}
	/* display_name: given (cleaned), else company, else "first last" */
	if ((st = qsm_opt_text(v, doc, "display_name", NULL, 0, true, false, "", NULL, &display)) != QS_OK) {
		goto done;
	}
	{
		char *clean = NULL;
		if (display) {
			clean = display_clean(display);
		}
		if (!clean || !clean[0]) {
			free(clean);
			if (company) {
				clean = display_clean(company);
			} else {
				size_t fl = first ? strlen(first) : 0, ll = last ? strlen(last) : 0;
				char *both = malloc(fl + ll + 2);
				if (!both) {
					st = qs_error_set(v->e, QS_EINTERNAL, "out of memory");
					goto done;
				}
				snprintf(both, fl + ll + 2, "%s%s%s", first ? first : "", (fl && ll) ? " " : "", last ? last : "");
				clean = display_clean(both);
				free(both);
			}
		}
		if (!clean || !clean[0]) {
			free(clean);
			st = qsm_verr(v, "display_name", "has no usable name once ':' and control characters are removed; give the customer a name in the billing system");
			goto done;
		}
		qsm_put_str(norm, "display_name", clean, strlen(clean));
		free(clean);
	}
	if ((st = qsm_opt_text(v, doc, "phone", NULL, 30, true, true, "shorten the phone number in the billing system", norm, NULL)) != QS_OK ||
		(st = validate_address(v, doc, norm)) != QS_OK ||
		(st = qsm_currency_field(v, doc, norm, cur)) != QS_OK ||
		(st = qsm_bool_field(v, doc, "tax_exempt", NULL, norm, &b, &present)) != QS_OK ||
		(st = qsm_date_field(v, doc, "created", false, true, "creation date", norm)) != QS_OK) {
		goto done;
	}
done:
	free(first);
	free(last);
	free(company);
	free(display);
	return st;
}

char *qs_map_display_name(json_object *norm)
{
	const char *d = qsm_norm_str(norm, "display_name");
	const char *company, *first, *last;
	char *both, *r;
	size_t n;

	if (d) {
		return display_clean(d);
	}
	company = qsm_norm_str(norm, "company");
	if (company) {
		return display_clean(company);
	}
	first = qsm_norm_str(norm, "first_name");
	last = qsm_norm_str(norm, "last_name");
	n = (first ? strlen(first) : 0) + (last ? strlen(last) : 0) + 2;
	both = malloc(n);
	if (!both) {
		return NULL;
	}
	snprintf(both, n, "%s%s%s", first ? first : "", (first && last) ? " " : "", last ? last : "");
	r = display_clean(both);
	free(both);
	return r;
}

char *qs_map_unique_name(const char *name, const char *id)
{
	size_t nl = strlen(name), il = strlen(id), keep, cut, n;
	size_t id_chars = qsm_utf8_chars(id, il);
	char *out;
	/* " (" + id + ")" takes id_chars + 3 of the 500 characters */
	keep = id_chars + 3 < 500 ? 500 - id_chars - 3 : 0;
	cut = qsm_utf8_prefix(name, nl, keep);
	while (cut > 0 && name[cut - 1] == ' ') {
		cut--;
	}
	n = cut + il + 4;
	out = malloc(n);
	if (out) {
		snprintf(out, n, "%.*s (%s)", (int)cut, name, id);
	}
	return out;
}

qs_status qsm_customer_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	json_object *addr;
	char *dn = qs_map_display_name(norm);
	if (!dn) {
		return qs_error_set(m->e, QS_EINTERNAL, "out of memory");
	}
	QS_JSON_ADD(q, "DisplayName", json_object_new_string(dn));
	free(dn);
	qsm_add_str(q, "GivenName", qsm_norm_str(norm, "first_name"));
	qsm_add_str(q, "FamilyName", qsm_norm_str(norm, "last_name"));
	qsm_add_str(q, "CompanyName", qsm_norm_str(norm, "company"));
	if (qsm_norm_str(norm, "email")) {
		json_object *em = json_object_new_object();
		qsm_add_str(em, "Address", qsm_norm_str(norm, "email"));
		QS_JSON_ADD(q, "PrimaryEmailAddr", em);
	}
	if (qsm_norm_str(norm, "phone")) {
		json_object *ph = json_object_new_object();
		qsm_add_str(ph, "FreeFormNumber", qsm_norm_str(norm, "phone"));
		QS_JSON_ADD(q, "PrimaryPhone", ph);
	}
	if (json_object_object_get_ex(norm, "address", &addr)) {
		json_object *ba = json_object_new_object();
		qsm_add_str(ba, "Line1", qsm_norm_str(addr, "line1"));
		qsm_add_str(ba, "Line2", qsm_norm_str(addr, "line2"));
		qsm_add_str(ba, "City", qsm_norm_str(addr, "city"));
		qsm_add_str(ba, "CountrySubDivisionCode", qsm_norm_str(addr, "region"));
		qsm_add_str(ba, "PostalCode", qsm_norm_str(addr, "postal_code"));
		qsm_add_str(ba, "Country", qsm_norm_str(addr, "country"));
		QS_JSON_ADD(q, "BillAddr", ba);
	}
	qsm_add_currency(q, m, norm);
	if (qsm_norm_bool(norm, "tax_exempt")) {
		QS_JSON_ADD(q, "Taxable", json_object_new_boolean(0));
	}
	return QS_OK;
}

