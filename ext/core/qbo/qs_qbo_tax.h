/* qs_qbo_tax: the tax model of the company's region (CompanyInfo.Country): a
 * US company charges sales tax through the line codes TAX/NON and one
 * TxnTaxCodeRef; every other region (CA, UK, AU, ...) names a TaxCode on
 * each line, and its items carry an expense account too (qs_qbo_tax.c). */
#ifndef QS_QBO_TAX_H
#define QS_QBO_TAX_H

#include <stdbool.h>

/* A company whose country is not known (yet, or CompanyInfo names none)
 * counts as QS_QBO_DEFAULT_COUNTRY. */
#define QS_QBO_DEFAULT_COUNTRY "US"
bool qs_qbo_us_tax_model(const char *country);

/* The US model's pseudo tax codes of a line: taxable or not. They are no
 * TaxCode a company can charge (a tax mapped to one fails with 2500). */
#define QS_QBO_US_TAXABLE "TAX"
#define QS_QBO_US_NON_TAXABLE "NON"

#endif
