<?php
// Entity storage of the sandbox: rows in sbx_entity, every version in sbx_history, every
// change in sbx_change (read by CDC and the gateway's webhooks), Id / DocNumber sequences.
declare(strict_types=1);

require_once __DIR__ . '/currency.php';

/** Entities whose Ids come from the shared transaction sequence. */
const SBX_TXN_ENTITIES = ['Invoice' => 1, 'Payment' => 1, 'CreditMemo' => 1, 'RefundReceipt' => 1, 'Deposit' => 1];

/** Next value of a per-realm sequence (first value $start). */
function sbx_seq_next(PDO $db, string $realm, string $name, int $start = 1): int
{
    $st = sbx_stmt($db, 'INSERT INTO sbx_seq(realm, name, next) VALUES(?, ?, ?)
        ON CONFLICT(realm, name) DO UPDATE SET next = next + 1 RETURNING next');
    $st->execute([$realm, $name, $start]);
    $next = (int)$st->fetchColumn();
    $st->closeCursor();
    return $next;
}

/** Next Id for an entity type in a realm (transactions share one sequence, as in QBO). */
function sbx_new_id(PDO $db, string $realm, string $entity): string
{
    if (isset(SBX_TXN_ENTITIES[$entity])) {
        return (string)sbx_seq_next($db, $realm, 'id:txn');
    }
    return (string)sbx_seq_next($db, $realm, 'id:' . $entity);
}

/** Reads a stored row (any status) with its decoded data, or null. */
function sbx_ent_row(PDO $db, string $realm, string $entity, string $id): ?array
{
    $st = sbx_stmt($db, 'SELECT * FROM sbx_entity WHERE realm = ? AND entity = ? AND id = ?');
    $st->execute([$realm, $entity, $id]);
    $r = $st->fetch();
    $st->closeCursor();
    if ($r === false) {
        return null;
    }
    $r['obj'] = sbx_fix_empty(json_decode($r['data'], true));
    return $r;
}

/**
 * Writes a version of an entity: the current row, a history row, and a change row.
 * $obj is the full stored object (Id, SyncToken, MetaData set by the caller).
 */
function sbx_ent_write(PDO $db, string $realm, string $entity, array $obj, string $status, string $op, float $now,
                       ?string $namekey = null, ?string $doc = null): void
{
    $data = json_encode($obj, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
    $id = (string)$obj['Id'];
    $sync = (int)($obj['SyncToken'] ?? 0);
    $st = sbx_stmt($db, 'INSERT INTO sbx_entity(realm, entity, id, sync, status, namekey, doc, created, updated, data)
        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(realm, entity, id) DO UPDATE SET sync = excluded.sync, status = excluded.status,
          namekey = excluded.namekey, doc = excluded.doc, updated = excluded.updated, data = excluded.data');
    $st->execute([$realm, $entity, $id, $sync, $status, $namekey, $doc, $now, $now, $data]);
    sbx_stmt($db, 'INSERT INTO sbx_history(realm, entity, entity_id, sync, operation, at, data) VALUES(?, ?, ?, ?, ?, ?, ?)')
        ->execute([$realm, $entity, $id, $sync, $op, $now, $data]);
    sbx_stmt($db, 'INSERT INTO sbx_change(realm, entity, entity_id, operation, at) VALUES(?, ?, ?, ?, ?)')
        ->execute([$realm, $entity, $id, $op, $now]);
}

/** Adjusts the derived balance (cents) of a row without making a new version. */
function sbx_ent_bal_add(PDO $db, string $realm, string $entity, string $id, int $cents): void
{
    if ($cents === 0) {
        return;
    }
    sbx_stmt($db, 'UPDATE sbx_entity SET bal = bal + ? WHERE realm = ? AND entity = ? AND id = ?')
        ->execute([$cents, $realm, $entity, $id]);
}

/** Runs $fn inside BEGIN IMMEDIATE ... COMMIT (rollback on exception). */
function sbx_tx(PDO $db, callable $fn)
{
    $db->exec('BEGIN IMMEDIATE');
    try {
        $r = $fn();
        sbx_stmt_reset($db);
        $db->exec('COMMIT');
        return $r;
    } catch (Throwable $e) {
        sbx_stmt_reset($db);
        $db->exec('ROLLBACK');
        throw $e;
    }
}

/**
 * Runs $fn as one all-or-nothing step inside the current transaction (a SAVEPOINT): on an
 * exception its writes are undone and the exception passes on; the transaction goes on.
 */
function sbx_savepoint(PDO $db, callable $fn)
{
    $db->exec('SAVEPOINT sbx_item');
    try {
        $r = $fn();
        $db->exec('RELEASE sbx_item');
        return $r;
    } catch (Throwable $e) {
        sbx_stmt_reset($db);
        $db->exec('ROLLBACK TO sbx_item');
        $db->exec('RELEASE sbx_item');
        throw $e;
    }
}

/**
 * Money helpers: everything is integer minor units inside ("cents": of the currency the request
 * counts in, sbx_money_decimals() in currency.php; 2 decimals unless a transaction in JPY, BHD...
 * set it), JSON number on output.
 */
function sbx_cents($v): int
{
    $scale = 10 ** sbx_money_decimals();
    if (is_int($v)) {
        return $v * $scale;
    }
    if (is_float($v)) {
        return (int)round($v * $scale);
    }
    if (is_string($v) && is_numeric($v)) {
        return sbx_cents_str(trim($v));
    }
    return 0;
}

/** Exact decimal string -> minor units, half away from zero beyond the currency's decimals. */
function sbx_cents_str(string $s): int
{
    $dec = sbx_money_decimals();
    $neg = str_starts_with($s, '-');
    $s = ltrim($s, '+-');
    if (stripos($s, 'e') !== false) {
        return ($neg ? -1 : 1) * (int)round(((float)$s) * 10 ** $dec);
    }
    [$int, $frac] = array_pad(explode('.', $s, 2), 2, '');
    $frac = str_pad($frac, $dec + 1, '0');
    $c = (int)($int === '' ? '0' : $int) * 10 ** $dec + ($dec > 0 ? (int)substr($frac, 0, $dec) : 0);
    if ((int)$frac[$dec] >= 5) {
        $c++;
    }
    return $neg ? -$c : $c;
}

/** More decimals than the currency has (JPY 1200.5, BHD 10.0005)? */
function sbx_too_precise($v): bool
{
    $dec = sbx_money_decimals();
    if (is_int($v)) {
        return false;
    }
    $s = is_float($v) ? rtrim(rtrim(sprintf('%.10F', $v), '0'), '.') : trim((string)$v);
    $frac = explode('.', $s, 2)[1] ?? '';
    return strlen(rtrim($frac, '0')) > $dec;
}

function sbx_money(int $cents): float
{
    return (float)$cents / 10 ** sbx_money_decimals();
}

/** Restores empty JSON objects ({}) that assoc decoding turned into [] (Detail/Addr/Ref keys). */
function sbx_fix_empty(array $a): array
{
    foreach ($a as $k => $v) {
        if (is_array($v)) {
            if ($v === []) {
                if (is_string($k) && $k !== 'TaxRateDetail' && preg_match('/(Detail|Addr|Ref|MetaData)$/', $k)) {
                    $a[$k] = new stdClass();
                }
            } else {
                $a[$k] = sbx_fix_empty($v);
            }
        }
    }
    return $a;
}

/** Uniqueness key of a name: trimmed, case-folded (ASCII folding; mbstring is not available). */
function sbx_namekey(string $name): string
{
    return strtolower(trim($name));
}

/** Sets Id, SyncToken, MetaData, domain and sparse on a new object. */
function sbx_stamp_new(array $obj, string $id, float $now): array
{
    return ['Id' => $id, 'SyncToken' => '0', 'domain' => 'QBO', 'sparse' => false]
        + $obj
        + ['MetaData' => ['CreateTime' => sbx_time_pacific($now), 'LastUpdatedTime' => sbx_time_pacific($now)]];
}
