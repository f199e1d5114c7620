/* qs_qbo_rules: QuickBooks Online's rules in one place, one header a concern
 * in ext/core/qbo/: its published limits (qs_qbo_limits.h), the API
 * minorversion (qs_qbo_version.h), the fault codes the engine acts on with
 * what a person should do about each (qs_qbo_faults.h), and the tax model of
 * the company's region (qs_qbo_tax.h). A file that needs several includes
 * this one. */
#ifndef QS_QBO_RULES_H
#define QS_QBO_RULES_H

#include "qs_qbo_limits.h"
#include "qs_qbo_version.h"
#include "qs_qbo_faults.h"
#include "qs_qbo_tax.h"

#endif
