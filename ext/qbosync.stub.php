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
     * this request only). store is a file path (":memory:" and file: URIs are refused).
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
     * Links a local record to a QBO record. $qboId is a QBO Id, "auto" (find by
     * name or email and link) or "create". Returns the mapping.
     */
    function qbo_map(QboSync\Connection $connection, string $kind, string $localId, string $qboId, array $extra = []): array {}

    /** Lists mappings, of one kind or all. */
    function qbo_mappings(QboSync\Connection $connection, ?string $kind = null): array {}

    /** Removes a mapping; returns whether one was removed. */
    function qbo_unmap(QboSync\Connection $connection, string $kind, string $localId): bool {}

    /**
     * Records a canonical billing document (customer, invoice, payment, ...) in the
     * outbox and delivers it according to the delivery mode. Returns its sync state.
     */
    function qbo_push(QboSync\Connection $connection, string $kind, array $document, int $flags = 0): array {}

    /**
     * Delivers due work: options limit (int), time_budget (seconds), progress
     * (callable(int $done, int $total, string $kind, string $id, string $state)),
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
     * with its reason and message, counts by state, queue length, last sync.
     */
    function qbo_status(QboSync\Connection $connection): array {}

    /** Per-record sync state and reason; filter by kind, state or id. */
    function qbo_entities(QboSync\Connection $connection, array $filter = []): array {}

    /**
     * Sends a record again from its stored document, as a new version (a fresh
     * requestid and retry count), per the delivery mode; a Dismissed record is
     * back in sync. Returns its state. The record must have been pushed.
     */
    function qbo_resend(QboSync\Connection $connection, string $kind, string $id): array {}

    /**
     * Sets a record aside (state Dismissed: out of the queue and the warnings,
     * the reason keeps what it was), or with $dismissed false puts it back
     * (resent). Returns its state.
     */
    function qbo_dismiss(QboSync\Connection $connection, string $kind, string $id, bool $dismissed = true): array {}

    /**
     * The delivery log, newest first: every attempt, outcome and decision, with
     * its level, record and message (never a secret). Filter: kind, id, limit
     * (default 100, at most 10000).
     */
    function qbo_log(QboSync\Connection $connection, array $filter = []): array {}
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
