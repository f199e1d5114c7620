/* qs_qbo_version: the minorversion of QBO's v3 API that every request names
 * unless the connection configures another. */
#ifndef QS_QBO_VERSION_H
#define QS_QBO_VERSION_H

#define QS_QBO_MINORVERSION "75"       /* the API minorversion sent unless configured */

#endif
