<?php
// Shared core of the local QBO sandbox: database handle and schema, clock, Pacific time
// formatting, JSON / Fault response builders. Part of the data API; the gateway builds on it (see
// /work/notes/sandbox-contract.md).
declare(strict_types=1);

const SBX_SCHEMA_VERSION = '4';
const SBX_US_REALM = '9341453100000001';
const SBX_CA_REALM = '9341453100000002';

/** Path of the SQLite file: QBO_SANDBOX_DB, or a per-port file under the temp dir. */
function sbx_db_path(): string
{
    $p = getenv('QBO_SANDBOX_DB');
    if ($p !== false && $p !== '') {
        return $p;
    }
    $port = $_SERVER['SERVER_PORT'] ?? 'cli';
    return sys_get_temp_dir() . '/qbo-sandbox-' . $port . '.db';
}

/** The request's PDO handle; creates schema and seeds on first use of a new file. */
function sbx_db(): PDO
{
    static $db = null;
    if ($db !== null) {
        return $db;
    }
    $db = new PDO('sqlite:' . sbx_db_path(), null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
    // the sandbox's data need not survive a power loss: no fsync at commits or checkpoints
    $db->exec('PRAGMA busy_timeout=5000; PRAGMA synchronous=OFF');
    $ok = false;
    try {
        $ok = $db->query("SELECT v FROM sbx_meta WHERE k='schema'")->fetchColumn() === SBX_SCHEMA_VERSION;
    } catch (PDOException $e) {
        $ok = false;
    }
    if (!$ok) {
        sbx_db_init($db);
    }
    return $db;
}

/** Creates the schema (idempotent) and seeds the two default companies once. */
function sbx_db_init(PDO $db): void
{
    $db->exec('PRAGMA journal_mode=WAL');
    $db->exec('BEGIN IMMEDIATE');
    try {
        sbx_schema_data($db);
        if (function_exists('sbx_schema_edge')) {
            sbx_schema_edge($db);
        }
        $seeded = $db->query("SELECT v FROM sbx_meta WHERE k='seeded'")->fetchColumn();
        if ($seeded === false) {
            sbx_seed_all($db);
            $db->exec("INSERT OR REPLACE INTO sbx_meta(k, v) VALUES('seeded', '1')");
        }
        $db->exec("INSERT OR REPLACE INTO sbx_meta(k, v) VALUES('schema', '" . SBX_SCHEMA_VERSION . "')");
        $db->exec('COMMIT');
    } catch (Throwable $e) {
        $db->exec('ROLLBACK');
        throw $e;
    }
}

/** The data API's tables. */
function sbx_schema_data(PDO $db): void
{
    $db->exec(<<<'SQL'
CREATE TABLE IF NOT EXISTS sbx_meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS sbx_company(realm TEXT PRIMARY KEY, name TEXT, country TEXT, currency TEXT, created REAL);
CREATE TABLE IF NOT EXISTS sbx_entity(
  realm TEXT NOT NULL, entity TEXT NOT NULL, id TEXT NOT NULL,
  sync INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',   -- active | inactive | deleted | voided
  namekey TEXT,                            -- lower-cased trimmed unique name (name lists)
  doc TEXT,                                -- DocNumber (transactions)
  bal INTEGER NOT NULL DEFAULT 0,          -- derived open balance in cents (Customer)
  created REAL NOT NULL, updated REAL NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY(realm, entity, id));
CREATE INDEX IF NOT EXISTS sbx_entity_name ON sbx_entity(realm, entity, namekey);
CREATE INDEX IF NOT EXISTS sbx_entity_doc ON sbx_entity(realm, entity, doc);
CREATE INDEX IF NOT EXISTS sbx_entity_upd ON sbx_entity(realm, entity, updated);
CREATE INDEX IF NOT EXISTS sbx_entity_email ON sbx_entity(realm, entity,
  iif(json_valid(data), lower(json_extract(data, '$.PrimaryEmailAddr.Address')), NULL));
CREATE TABLE IF NOT EXISTS sbx_history(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, realm TEXT, entity TEXT, entity_id TEXT,
  sync INTEGER, operation TEXT, at REAL, data TEXT);
CREATE INDEX IF NOT EXISTS sbx_history_ent ON sbx_history(realm, entity, entity_id);
CREATE TABLE IF NOT EXISTS sbx_change(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, realm TEXT, entity TEXT, entity_id TEXT,
  operation TEXT, at REAL);
CREATE INDEX IF NOT EXISTS sbx_change_realm ON sbx_change(realm, at);
CREATE TABLE IF NOT EXISTS sbx_rate(realm TEXT, source TEXT, asof TEXT, rate TEXT, updated REAL, PRIMARY KEY(realm, source, asof));
CREATE TABLE IF NOT EXISTS sbx_seq(realm TEXT, name TEXT, next INTEGER, PRIMARY KEY(realm, name));
CREATE TABLE IF NOT EXISTS sbx_requestid(
  realm TEXT, rid TEXT, status INTEGER, headers TEXT, body TEXT, at REAL, PRIMARY KEY(realm, rid));
SQL);
}

/** Seeds the default US and CA companies, then the gateway's seed if present. */
function sbx_seed_all(PDO $db): void
{
    require_once __DIR__ . '/seed.php';
    sbx_company_create($db, ['name' => 'Sandbox Company US', 'country' => 'US', 'realm' => SBX_US_REALM]);
    sbx_company_create($db, ['name' => 'Sandbox Company CA', 'country' => 'CA', 'realm' => SBX_CA_REALM]);
    if (function_exists('sbx_seed_edge')) {
        sbx_seed_edge($db);
    }
}

/**
 * A prepared statement of $db for $sql, parsed once per request and reused (parsing SQL was a
 * third of a write's cost). A caller reads its rows to the end or calls closeCursor(): a
 * statement left open would keep a read snapshot; sbx_stmt_reset() closes them all (sbx_tx does
 * before it commits).
 */
function sbx_stmt(PDO $db, string $sql): PDOStatement
{
    $c = &sbx_stmt_cache($db);
    return $c[$sql] ??= $db->prepare($sql);
}

/** The statement cache of one connection. */
function &sbx_stmt_cache(PDO $db): array
{
    static $all = [];
    $id = spl_object_id($db);
    if (!isset($all[$id]) || $all[$id][0] !== $db) {
        $all[$id] = [$db, []];
    }
    return $all[$id][1];
}

/** Closes the cursor of every cached statement of $db (no read left open across COMMIT). */
function sbx_stmt_reset(PDO $db): void
{
    foreach (sbx_stmt_cache($db) as $st) {
        $st->closeCursor();
    }
}

function sbx_meta_cache(?array $set = null): array
{
    static $c = [];
    if ($set !== null) {
        $c = $set;
    }
    return $c;
}

function sbx_meta_get(string $k, ?string $default = null): ?string
{
    $c = sbx_meta_cache();
    if (!array_key_exists($k, $c)) {
        $st = sbx_stmt(sbx_db(), 'SELECT v FROM sbx_meta WHERE k = ?');
        $st->execute([$k]);
        $v = $st->fetchColumn();
        $st->closeCursor();
        $c[$k] = $v === false ? null : (string)$v;
        sbx_meta_cache($c);
    }
    return $c[$k] ?? $default;
}

function sbx_meta_set(string $k, string $v): void
{
    sbx_stmt(sbx_db(), 'INSERT OR REPLACE INTO sbx_meta(k, v) VALUES(?, ?)')->execute([$k, $v]);
    $c = sbx_meta_cache();
    $c[$k] = $v;
    sbx_meta_cache($c);
}

/** Unix time (µs) plus the sandbox clock offset (meta clock_offset, seconds). */
function sbx_now(): float
{
    return microtime(true) + (float)(sbx_meta_get('clock_offset', '0') ?? '0');
}

function sbx_tz(): DateTimeZone
{
    static $tz = null;
    return $tz ??= new DateTimeZone('America/Los_Angeles');
}

/** 2026-11-23T04:05:06-08:00 (or 2026-11-23T04:05:06.789-08:00 with $ms). */
function sbx_time_pacific(float $t, bool $ms = false): string
{
    $d = DateTime::createFromFormat('U.u', sprintf('%.6F', $t));
    $d->setTimezone(sbx_tz());
    return $d->format($ms ? 'Y-m-d\TH:i:s.vP' : 'Y-m-d\TH:i:sP');
}

/** Pacific calendar date (Y-m-d) of a unix time. */
function sbx_date_pacific(float $t): string
{
    $d = DateTime::createFromFormat('U.u', sprintf('%.6F', $t));
    $d->setTimezone(sbx_tz());
    return $d->format('Y-m-d');
}

/** Unique id of the current request (also sent as intuit_tid). */
function sbx_request_id(): string
{
    static $id = null;
    return $id ??= '1-' . bin2hex(random_bytes(4)) . '-' . bin2hex(random_bytes(8));
}

function sbx_json_encode($body): string
{
    return json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION
        | JSON_INVALID_UTF8_SUBSTITUTE);
}

/** Response triple [status, headers, body]. A string body is sent as is. */
function sbx_json(int $status, $body, array $headers = []): array
{
    $h = ['Content-Type' => 'application/json;charset=UTF-8', 'intuit_tid' => sbx_request_id()] + $headers;
    return [$status, $h, is_string($body) ? $body : sbx_json_encode($body)];
}

/** The Fault object (without envelope) for one error. */
function sbx_fault_obj(string $code, string $message, string $detail, string $element = '', string $type = 'ValidationFault'): array
{
    return ['Error' => [['Message' => $message, 'Detail' => $detail, 'code' => $code, 'element' => $element]], 'type' => $type];
}

/** QBO Fault envelope response. */
function sbx_fault(int $status, string $code, string $message, string $detail, string $element = '', string $type = 'ValidationFault'): array
{
    return sbx_json($status, [
        'Fault' => sbx_fault_obj($code, $message, $detail, $element, $type),
        'time' => sbx_time_pacific(sbx_now(), true),
    ]);
}

/** Gateway envelope (lower-case keys, epoch-ms time) used for 3200 / 3100 / 3001. */
function sbx_gateway_fault(int $status, string $code, string $message, ?string $detail, string $type): array
{
    return sbx_json($status, [
        'warnings' => null, 'intuitObject' => null,
        'fault' => ['error' => [['message' => $message, 'detail' => $detail, 'code' => $code, 'element' => null]], 'type' => $type],
        'report' => null, 'queryResponse' => null, 'batchItemResponse' => [], 'attachableResponse' => [],
        'syncErrorResponse' => null, 'requestId' => null, 'time' => (int)floor(sbx_now() * 1000),
        'status' => null, 'cdcresponse' => [],
    ]);
}

/** 400 code 500 "Unsupported Operation" (unknown path / operation). */
function sbx_unsupported(string $what): array
{
    return sbx_fault(400, '500', 'Unsupported Operation', 'Operation ' . $what . ' is not supported.');
}

/** Does the realm exist? */
function sbx_realm_exists(string $realm): bool
{
    $st = sbx_stmt(sbx_db(), 'SELECT 1 FROM sbx_company WHERE realm = ?');
    $st->execute([$realm]);
    $ok = $st->fetchColumn() !== false;
    $st->closeCursor();
    return $ok;
}
