/* qs_qbo_rules: QuickBooks Online's published limits in one place (per
 * company, i.e. per realmId): what the request limiter and the batch packer
 * keep to. See shared/qbo/API.md, "Throttling". */
#ifndef QS_QBO_RULES_H
#define QS_QBO_RULES_H

#define QS_QBO_PER_MINUTE 500          /* requests a minute per company */
#define QS_QBO_BATCH_PER_MINUTE 40     /* /batch requests a minute per company and app */
#define QS_QBO_CONCURRENT 10           /* requests in flight per company and app */
#define QS_QBO_BATCH_OPS 30            /* operations in one /batch request */
#define QS_QBO_WINDOW 60.0             /* seconds of the limit windows */
#define QS_QBO_THROTTLE_PAUSE 60.0     /* a 429 without Retry-After: wait a window */

#endif
