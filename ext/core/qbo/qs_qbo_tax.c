/* qs_qbo_tax: which tax model a company's region has (qs_qbo_tax.h). */
#include "qs_qbo_tax.h"

#include <string.h>

bool qs_qbo_us_tax_model(const char *country)
{
	return !country || !*country || !strcmp(country, QS_QBO_DEFAULT_COUNTRY);
}
