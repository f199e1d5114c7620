/* qs_qbo_faults: the QBO fault codes the engine acts on (the Fault's Error
 * code) as an enum with its name table, and what a person should do about
 * each (qs_qbo_faults.c). */
#ifndef QS_QBO_FAULTS_H
#define QS_QBO_FAULTS_H

/* The QBO fault codes the engine acts on (the Fault's Error code). */
typedef enum qs_qbo_fault {
	QS_QBO_FAULT_OTHER = 0,     /* any other code, or none */
	QS_QBO_FAULT_GONE,          /* 610: the object referred to was deleted */
	QS_QBO_FAULT_REQUIRED,      /* 2020: a required field is missing */
	QS_QBO_FAULT_TOO_LONG,      /* 2050: a field is longer than allowed */
	QS_QBO_FAULT_CURRENCY,      /* 2410: the customer's currency is not the transaction's */
	QS_QBO_FAULT_BAD_REF,       /* 2500: an invalid (inactive, deleted) reference */
	QS_QBO_FAULT_STALE,         /* 5010: stale object (SyncToken) */
	QS_QBO_FAULT_BUSINESS,      /* 6000: a business validation rule */
	QS_QBO_FAULT_DUP_NUMBER,    /* 6140: duplicate DocNumber */
	QS_QBO_FAULT_DUP_NAME,      /* 6240: duplicate name (customer, vendor, employee) */
	QS__QBO_FAULT_COUNT
} qs_qbo_fault;

/* The fault of QBO's code text (NULL or unknown: QS_QBO_FAULT_OTHER). */
qs_qbo_fault qs_qbo_fault_of(const char *code);
/* QBO's code text of a fault ("" for QS_QBO_FAULT_OTHER). */
const char *qs_qbo_fault_code(qs_qbo_fault f);
/* What a person should do about a fault with QBO's code text: always a sentence. */
const char *qs_qbo_fault_hint(const char *code);

#endif
