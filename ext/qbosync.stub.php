<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace {
    /**
     * Record only; never deliver during this call, whatever the delivery mode.
     * @var int
     * @cvalue QS_PUSH_QUEUE_ONLY
     */
    const QBO_QUEUE_ONLY = UNKNOWN;

    /**
     * Record a new version even when the document is unchanged.
     * @var int
     * @cvalue QS_PUSH_FORCE
     */
    const QBO_FORCE = UNKNOWN;

    /**
     * Opens (or reuses, per process and options) the connection to one QBO company.
     * Options: environment ("sandbox", "production" or a local sandbox base URL),
     * client_id, client_secret, redirect_uri, store, encryption_key, delivery
     * ("inline", "deferred", "worker"), timeout, inline_timeout, refresh_margin,
     * ca_info, home_currency, sync_start ("YYYY-MM-DD": older customers, invoices and
     * payments are Skipped), exclude_methods ("cash, banktransfer": those payments are
     * Skipped), on_disconnect (a callable(string $reason, string $message) called when
     * this process turns the connection Disconnected), fetch (a callable like WHMCS's
     * localAPI that qbo_hook reads records through; held by the returned object for
     * this request only), webhook_verifier (the app's webhook verifier token, for
     * qbo_webhook; default INI qbosync.webhook_verifier), log (a callable(array
     * $entry) called after every HTTP exchange with QuickBooks or its OAuth
     * server: method, url, path, status, request, response (bodies with codes,
     * tokens and the client secret removed, at most 64 KiB), intuit_tid, ms,
     * error; held like fetch; the store's log records every exchange whether
     * or not it is set), log_retention (days the log keeps its rows, 1..3650;
     * default INI qbosync.log_retention, 30), log_max_rows (rows the store's log
     * keeps at most, 0 = no cap; default INI qbosync.log_max_rows, 1000000),
     * log_bodies ("errors": bodies of failed exchanges only, the default;
     * "all"; "none"; INI qbosync.log_bodies). store is a file path (":memory:"
     * and file: URIs are refused).
     */
    function qbo_connect(#[\SensitiveParameter] array $options = []): QboSync\Connection {}

    /** The URL to send the user's browser to; its state is kept in the store. */
    function qbo_oauth_url(QboSync\Connection $connection, ?string $scope = null): string {}

    /**
     * Completes the OAuth flow with the redirect's code, state and realmId.
     * Returns the connection status (as qbo_status()).
     */
    function qbo_oauth_exchange(QboSync\Connection $connection, #[\SensitiveParameter] string $code, string $state, string $realmId): array {}

    /** Forgets (and by default revokes) the tokens; the connection becomes Disconnected. */
    function qbo_disconnect(QboSync\Connection $connection, bool $revoke = true): void {}

    /**
     * Links a local record to a QBO record. $qboId is a QBO Id, "auto" (find it
     * and link: a customer by email, then by name; an account of the purpose's
     * type, made when QBO has none) or "create" (accounts get a unique name).
     * Accounts need $extra['purpose']: income, deposit, refund (a cash account;
     * $qboId "deposit" = the account payments go to), payout, fee or expense;
     * an account QBO cannot use for it is refused with the reason. A customer
     * takes $extra['start_date'] ("YYYY-MM-DD"; null clears it; not given:
     * kept): its invoices, payments, refunds and credits dated before it are
     * Skipped with the reason (with the sync_start option, the later date
     * wins); a changed date records that customer's records not yet in QBO
     * again (queued when now inside, Skipped when now before; counts in
     * 'queued' and 'skipped'), records already in QBO stay. Returns the
     * mapping.
     */
    function qbo_map(QboSync\Connection $connection, string $kind, string $localId, string $qboId, array $extra = []): array {}

    /**
     * Lists mappings, of one kind or all; with $localId, only that record's
     * (found by key, never a scan: what a page showing one record uses).
     */
    function qbo_mappings(QboSync\Connection $connection, ?string $kind = null, ?string $localId = null): array {}

    /** Removes a mapping; returns whether one was removed. */
    function qbo_unmap(QboSync\Connection $connection, string $kind, string $localId): bool {}

    /**
     * Records a canonical billing document (customer, invoice, payment, ...) in the
     * outbox and delivers it according to the delivery mode. Returns its sync state.
     * When a MariaDB/MySQL store's server is unreachable the document is kept in
     * the local spill file and recorded once it is back: the state then has
     * spilled true (inline delivery throws a StoreException saying it is kept).
     */
    function qbo_push(QboSync\Connection $connection, string $kind, array $document, int $flags = 0): array {}

    /**
     * Delivers due work: options limit (int), time_budget (seconds), progress
     * (callable(int $done, int $total, string $kind, string $id, string $state)),
     * source (the history push's source callable, see qbo_history()). Takes the
     * company's worker lock when free (or left by a dead or silent worker): its
     * holder also runs one step of the history push and stops early when
     * qbo_cancel() asks ("cancelled" => true in the result); the result then
     * carries "history" (as qbo_history_status()). Without the lock it only drains.
     * keep_lock (bool): the lock stays held after the call (a long-running
     * worker between its runs); a call without it releases it.
     * batch_size (1..30, default qbosync.batch_size: records per /batch wave, 1 = one
     * at a time), rate_window (seconds of QBO's limit minute, default
     * qbosync.rate_window; 0 = no pacing), max_in_flight (1..10: QBO requests in flight
     * for the company, every process together).
     */
    function qbo_sync(QboSync\Connection $connection, array $options = []): array {}

    /**
     * The WHMCS entry point: add_hook('InvoicePaid', 1, fn($v) => qbo_hook($conn, 'InvoicePaid', $v)).
     * Reads what the event needs through the connection's fetch (default: localAPI)
     * and pushes canonical documents; in worker and deferred mode only records the
     * event. Never throws: returns the state of the record the event is about
     * (with the reason on failure), or null when the event has nothing to sync.
     */
    function qbo_hook(QboSync\Connection $connection, string $event, array $vars): ?array {}

    /**
     * The overview: connection status (Not Connected, Active, Error, Disconnected)
     * with its reason and message, counts by state, queue length, last sync,
     * hook_events (pending: recorded by qbo_hook and not read yet; failed: could
     * not be read, the reason in the log), and worker: null, or the worker
     * lock's holder (owner, host, pid, since, heartbeat, cancel, stale).
     */
    function qbo_status(QboSync\Connection $connection): array {}

    /**
     * Per-record sync state and reason; filter by kind, state or id. Paging: limit
     * (1..10000), offset; with_total true returns ['rows' => ..., 'total' => n]
     * (the count of every match, paging aside) instead of the list.
     */
    function qbo_entities(QboSync\Connection $connection, array $filter = []): array {}

    /**
     * Sends a record again from its stored document, as a new version (a fresh
     * requestid and retry count), per the delivery mode; a Dismissed record is
     * back in sync. Returns its state. The record must have been pushed.
     */
    function qbo_resend(QboSync\Connection $connection, string $kind, string $id): array {}

    /**
     * Records that a payment, refund, credit note or write-off was deleted in
     * the billing system and deletes it in QBO (with what qbosync made for it: a
     * payment's fee deposit, a credit note's or a write-off's applications, so
     * the invoice's QBO balance rises again), per the delivery mode; the
     * record is then Deleted, and the same id pushed again is created afresh.
     * Invoices are cancelled instead (status "cancelled": voided); customers and
     * items cannot be deleted. Returns its state.
     */
    function qbo_delete(QboSync\Connection $connection, string $kind, string $id): array {}

    /**
     * Sets a record aside (state Dismissed: out of the queue and the warnings,
     * the reason keeps what it was), or with $dismissed false puts it back
     * (resent). Returns its state.
     */
    function qbo_dismiss(QboSync\Connection $connection, string $kind, string $id, bool $dismissed = true): array {}

    /**
     * The log, newest first: the engine's decisions (attempts, outcomes) and
     * every QuickBooks exchange (API calls, queries, /batch, OAuth token calls).
     * Each row: seq, at (ISO 8601), type ("exchange" or "decision"), level,
     * kind, id (the record, or null; a /batch row names its records in
     * records), message, and for an exchange method, path (with its query, no
     * secret), status, code (QBO fault codes, comma-separated, or OAuth's
     * error), intuit_tid, ms, records, request and response (scrubbed of every
     * secret, at most 64 KiB; null unless kept by log_bodies). Filter: level
     * ("warn": warn and error), kind, id, code, intuit_tid, since and until
     * (unix time or ISO 8601), type ("exchange", "decision"), limit (default
     * 100, at most 10000), offset. Rows older than log_retention days are
     * removed by qbo_sync() and the deferred delivery, never by the hook path.
     */
    function qbo_log(QboSync\Connection $connection, array $filter = []): array {}

    /**
     * Reads customers, items, invoices and payments back from QBO as canonical
     * documents (money as decimal text, "id" the linked local id or null, "qbo_id",
     * references both ways). Options: kinds (list, or "customer,invoice"; default
     * all), since (ISO 8601; default each kind's stored watermark), full (bool: every
     * record, paged 1,000 at a time, instead of change data capture; forced when
     * the watermark is older than CDC's 30 days or CDC's answer may be cut at
     * 1,000 objects), link (bool, default true: link unlinked local records by the
     * qbosync marker, DisplayName / Name, DocNumber), callback (callable(string
     * $kind, array $doc): void, called per document; the result then has no
     * documents). Returns ['counts' => [kind => n], 'linked' => n, 'watermark' =>
     * ISO (stored as the watermark of each kind read), 'mode' => 'cdc'|'full'|'mixed',
     * 'documents' => [kind => list]].
     */
    function qbo_pull(QboSync\Connection $connection, array $options = []): array {}

    /**
     * Takes a QBO webhook POST: $rawBody exactly as received and its
     * intuit-signature header, checked in constant time against the connect option
     * webhook_verifier (INI qbosync.webhook_verifier); a mismatch throws
     * QboSync\AuthException. Legacy eventNotifications and CloudEvents bodies are
     * both read; each notification of this company is stored once (a replay counts
     * as a duplicate) as pull work that qbo_sync() performs. Returns ['accepted' =>
     * n, 'duplicates' => n, 'other_realms' => n, 'events' => list of ['realm',
     * 'entity', 'id', 'operation', 'at']].
     */
    function qbo_webhook(QboSync\Connection $connection, string $rawBody, string $signature): array {}

    /**
     * The QBO-side changes webhooks reported, newest first; filter since_id,
     * limit (default 100), entity ("Payment"). Each ['id', 'realm', 'entity',
     * 'qbo_id', 'operation', 'at', 'status' (pending until qbo_sync() pulled it,
     * done, error), 'local' => [kind, id] or null, 'document' => the pulled
     * canonical document or null, 'message'].
     */
    function qbo_events(QboSync\Connection $connection, array $filter = []): array {}

    /**
     * What the mapping pickers offer, cached in the store and refreshed daily by
     * qbo_sync() (or now with ['refresh' => true]): $type account (option
     * account_type), item, tax_code, payment_method, term, customer (options
     * search: DisplayName or email contains it; limit), company (one row: name,
     * legal_name, country, home_currency, multi_currency). Each row ['id', 'name',
     * 'active', ...type-specific fields].
     */
    function qbo_reference(QboSync\Connection $connection, string $type, array $options = []): array {}

    /**
     * Starts the company's history push, or returns the unfinished one (resumed
     * with its own options). Options: kinds (list or "customer,invoice": customer,
     * item, invoice, payment, refund, credit; default all), since, until
     * ("YYYY-MM-DD": records dated in that period), dry_run (bool: report what
     * would be created, linked, updated or skipped, writing nothing to
     * QuickBooks), page (records per step, default 50), source
     * (callable(string $kind, int $offset, int $limit): array, a list of
     * canonical documents or ['documents' => list, 'total' => n], for platforms
     * other than WHMCS; held for this request; default: the connection's fetch
     * through the WHMCS lists GetClients, GetProducts, GetInvoices,
     * GetTransactions). Only records the job: qbo_sync() (or bin/qbosync push)
     * runs it a page per call. Returns its status (qbo_history_status()).
     */
    function qbo_history(QboSync\Connection $connection, array $options = []): array {}

    /**
     * The latest history push, or null when none ever ran: id, state (running,
     * done, cancelled, failed), dry_run, kinds, since, until, done, total,
     * pending, rate (records/s), eta (seconds, null when unknown), started,
     * updated, counts (created, linked, updated, unchanged, skipped, waiting,
     * errors), report (per record: kind, id, action, qbo_id, reason; every
     * record in a dry run, the problems otherwise), report_dropped, source, message.
     */
    function qbo_history_status(QboSync\Connection $connection): ?array {}

    /** Cancels the running history push; false when none runs. */
    function qbo_history_cancel(QboSync\Connection $connection): bool {}

    /**
     * The reconciliation report of a period: options from, to ("YYYY-MM-DD",
     * required), kinds (invoice, payment, refund, credit, writeoff; default all,
     * write-offs only when named with a source), source
     * (as for qbo_history(); default WHMCS through the fetch). Returns
     * ['period' => [from, to], 'kinds' => [kind => ['billing' => ['count', 'sum'],
     * 'qbo' => ['count', 'sum'], 'differ' => list of ['id', 'qbo_id', 'billing',
     * 'qbo', 'reason']]], 'unreadable' => records that could not be read].
     * Sums are decimal text in the home currency (each record compared in its
     * own); in a multicurrency company each kind adds 'currencies' => [code =>
     * ['billing' => ['count', 'sum'], 'qbo' => ['count', 'sum']]] in each
     * currency's own units. Drafts and cancelled invoices are not counted, nor
     * are the records QuickBooks voided. Reads only.
     */
    function qbo_reconcile(QboSync\Connection $connection, array $options): array {}

    /** Releases the company's worker lock, whoever holds it; false when it was free. */
    function qbo_unlock(QboSync\Connection $connection): bool {}

    /** Asks the worker holding the company's lock to stop at its next step; false when none holds it. */
    function qbo_cancel(QboSync\Connection $connection): bool {}
}

namespace QboSync {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Connection
    {
    }

    class Exception extends \RuntimeException
    {
    }

    class ValidationException extends Exception
    {
        /** The kind of record ("invoice"). */
        public string $kind = "";
        /** The record's id in the billing system. */
        public string $recordId = "";
        /** The field path ("lines[1].amount"). */
        public string $field = "";
    }

    class AuthException extends Exception
    {
    }

    class ApiException extends Exception
    {
        /** QBO's fault code ("6240"). */
        public string $qboCode = "";
        /** QBO's element, may be empty. */
        public string $element = "";
        /** QBO's Detail text. */
        public string $detail = "";
        /** The kind of record ("invoice"). */
        public string $kind = "";
        /** The record's id in the billing system. */
        public string $recordId = "";
    }

    class StoreException extends Exception
    {
    }
}
