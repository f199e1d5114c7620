/* qs_qbo_limits: QuickBooks Online's published limits (shared/qbo/API.md):
 * per company (realmId) the requests a minute, /batch requests a minute and
 * requests in flight that the request limiter, the in-flight cap and the
 * batch packer keep to ("Throttling"), the operations of one /batch, a
 * query's page, what change data capture answers, and the lengths of an Id,
 * a SyncToken and a requestid. */
#ifndef QS_QBO_LIMITS_H
#define QS_QBO_LIMITS_H

#define QS_QBO_PER_MINUTE 500          /* requests a minute per company */
#define QS_QBO_BATCH_PER_MINUTE 40     /* /batch requests a minute per company and app */
#define QS_QBO_CONCURRENT 10           /* requests in flight per company and app */
#define QS_QBO_BATCH_OPS 30            /* operations in one /batch request */
#define QS_QBO_WINDOW 60.0             /* seconds of the limit windows */
#define QS_QBO_THROTTLE_PAUSE 60.0     /* a 429 without Retry-After: wait a window */

#define QS_QBO_PAGE 1000               /* a query's MAXRESULTS at most */

#define QS_QBO_CDC_MAX 1000       /* objects per CDC answer (more are cut silently) */
#define QS_QBO_CDC_DAYS 30        /* how far back CDC looks */

/* The longest Id and SyncToken QBO sends (the store's columns hold them whole). */
#define QS_QBO_ID_MAX 31
#define QS_QBO_SYNCTOKEN_MAX 18

#define QS_REQUESTID_MAX 50            /* characters of a requestid */

#endif
