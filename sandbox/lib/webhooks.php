<?php
// Gateway: webhook notifications as QBO sends them — read new rows of the data API's sbx_change with a
// cursor per app, build legacy eventNotifications or CloudEvents bodies per realm, sign them
// (intuit-signature), deliver with QBO's retry schedule. A background loop (deliver.php, started
// on demand) does the sending so API requests never wait for a receiver.
declare(strict_types=1);

if (!function_exists('sbx_db')) {
    require_once __DIR__ . '/common.php';
}

/** Retry delays in seconds after the 1st, 2nd, ... failed attempt; the last one repeats. */
const SBX_WEBHOOK_RETRY = [10, 20, 30, 300, 1200, 7200, 14400, 21600];
/** Receiver must answer 200 within this many seconds. */
const SBX_WEBHOOK_TIMEOUT = 3;
/** Entities QBO sends notifications for (TaxCode/TaxRate are not among them). */
const SBX_WEBHOOK_ENTITIES = ['Account', 'Bill', 'BillPayment', 'Budget', 'Class', 'CreditMemo', 'Currency', 'Customer',
    'Department', 'Deposit', 'Employee', 'Estimate', 'Invoice', 'Item', 'JournalCode', 'JournalEntry', 'Payment',
    'PaymentMethod', 'Preferences', 'Purchase', 'PurchaseOrder', 'RefundReceipt', 'SalesReceipt', 'TaxAgency', 'Term',
    'TimeActivity', 'Transfer', 'Vendor', 'VendorCredit'];
const SBX_WEBHOOK_VERBS = ['Create' => 'created', 'Update' => 'updated', 'Delete' => 'deleted', 'Void' => 'voided',
    'Merge' => 'merged', 'Emailed' => 'emailed'];

function sbx_webhook_sign(string $verifier, string $body): string
{
    return base64_encode(hash_hmac('sha256', $body, $verifier, true));
}

function sbx_utc(float $t, int $digits): string
{
    $d = DateTime::createFromFormat('U.u', sprintf('%.6F', $t), new DateTimeZone('UTC'));
    $frac = substr($d->format('u') . '000', 0, $digits);
    return $d->format('Y-m-d\TH:i:s') . '.' . $frac . 'Z';
}

function sbx_uuid4(): string
{
    $b = random_bytes(16);
    $b[6] = chr((ord($b[6]) & 0x0f) | 0x40);
    $b[8] = chr((ord($b[8]) & 0x3f) | 0x80);
    return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($b), 4));
}

/** Body for one realm's changes in the given format. */
function sbx_webhook_body(string $format, string $client, string $realm, array $changes): string
{
    if ($format === 'legacy') {
        $ents = [];
        foreach ($changes as $c) {
            $ents[] = ['name' => $c['entity'], 'id' => (string)$c['entity_id'], 'operation' => $c['operation'],
                'lastUpdated' => sbx_utc((float)$c['at'], 3)];
        }
        return json_encode(['eventNotifications' => [['realmId' => $realm, 'dataChangeEvent' => ['entities' => $ents]]]],
            JSON_UNESCAPED_SLASHES);
    }
    $out = [];
    $source = 'intuit.' . substr(hash('sha256', $client), 0, 24);
    foreach ($changes as $c) {
        $verb = SBX_WEBHOOK_VERBS[$c['operation']] ?? strtolower((string)$c['operation']);
        $out[] = ['specversion' => '1.0', 'id' => sbx_uuid4(), 'source' => $source,
            'type' => 'qbo.' . strtolower($c['entity']) . '.' . $verb . '.v1', 'datacontenttype' => 'application/json',
            'time' => sbx_utc((float)$c['at'], 9), 'intuitentityid' => (string)$c['entity_id'],
            'intuitaccountid' => $realm, 'data' => new stdClass()];
    }
    return json_encode($out, JSON_UNESCAPED_SLASHES);
}

/** Turns new change-log rows into pending deliveries (one per app and realm). Returns count. */
function sbx_webhook_collect(PDO $db): int
{
    $hooks = $db->query('SELECT * FROM sbx_webhook')->fetchAll();
    if (!$hooks) {
        return 0;
    }
    $made = 0;
    $now = sbx_now();
    $chg = $db->prepare('SELECT c.* FROM sbx_change c JOIN sbx_connection k ON k.realm = c.realm AND k.client_id = ?'
        . ' WHERE c.seq > ? AND c.at >= k.connected ORDER BY c.seq LIMIT 1000');
    $max = $db->prepare('SELECT MAX(seq) FROM (SELECT seq FROM sbx_change WHERE seq > ? ORDER BY seq LIMIT 1000)');
    foreach ($hooks as $h) {
        $db->exec('BEGIN IMMEDIATE');
        try {
            $cur = $db->prepare('SELECT cursor FROM sbx_webhook WHERE id = ?');
            $cur->execute([$h['id']]);
            $cursor = $cur->fetchColumn();
            $cur->closeCursor();   // no SELECT left unfinished across COMMIT (it would pin a read snapshot)
            if ($cursor === false) {
                $db->exec('COMMIT');
                continue;
            }
            $max->execute([(int)$cursor]);
            $top = $max->fetchColumn();
            $max->closeCursor();
            if ($top === null || $top === false) {
                $db->exec('COMMIT');
                continue;
            }
            $chg->execute([$h['client_id'], (int)$cursor]);
            $byRealm = [];
            foreach ($chg->fetchAll() as $c) {
                if ((int)$c['seq'] > (int)$top) {
                    break;
                }
                if (in_array($c['entity'], SBX_WEBHOOK_ENTITIES, true)) {
                    $byRealm[$c['realm']][] = $c;
                }
            }
            $app = sbx_app_get($h['client_id']);
            $ins = $db->prepare('INSERT INTO sbx_delivery(webhook_id, client_id, realm, url, format, body, signature, events,'
                . " status, next_at, created) VALUES(?,?,?,?,?,?,?,?,'pending',?,?)");
            foreach ($byRealm as $realm => $list) {
                $body = sbx_webhook_body($h['format'], $h['client_id'], (string)$realm, $list);
                $ins->execute([$h['id'], $h['client_id'], (string)$realm, $h['url'], $h['format'], $body,
                    sbx_webhook_sign((string)($app['verifier_token'] ?? ''), $body), count($list), $now, $now]);
                $made++;
            }
            $db->prepare('UPDATE sbx_webhook SET cursor = ? WHERE id = ?')->execute([(int)$top, $h['id']]);
            $db->exec('COMMIT');
        } catch (Throwable $e) {
            $db->exec('ROLLBACK');
            throw $e;
        }
    }
    return $made;
}

/** One POST to the receiver: [httpStatus (0 = none), error text]. */
function sbx_webhook_post(string $url, string $body, string $sig): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [
        CURLOPT_POST => true, CURLOPT_POSTFIELDS => $body, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => SBX_WEBHOOK_TIMEOUT, CURLOPT_CONNECTTIMEOUT => SBX_WEBHOOK_TIMEOUT,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json; charset=utf-8', 'intuit-signature: ' . $sig,
            'User-Agent: Intuit-Webhooks (qbosync local sandbox)', 'Expect:'],
    ]);
    curl_exec($ch);
    $code = (int)curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    $err = curl_errno($ch) ? curl_error($ch) : '';
    curl_close($ch);
    return [$code, $err];
}

/** Sends due deliveries: per app only the oldest pending one (later ones wait). Returns count sent. */
function sbx_webhook_send_due(PDO $db): array
{
    $now = sbx_now();
    $sent = 0;
    $failed = 0;
    $rows = $db->query("SELECT * FROM sbx_delivery WHERE id IN (SELECT MIN(id) FROM sbx_delivery WHERE status = 'pending'"
        . ' GROUP BY client_id)')->fetchAll();
    foreach ($rows as $d) {
        if ((float)$d['next_at'] > $now) {
            continue;
        }
        // lease it so a concurrent runner does not send it too
        $u = $db->prepare('UPDATE sbx_delivery SET next_at = ? WHERE id = ? AND next_at = ?');
        $u->execute([$now + 60, $d['id'], $d['next_at']]);
        if ($u->rowCount() !== 1) {
            continue;
        }
        $t0 = microtime(true);
        [$code, $err] = sbx_webhook_post($d['url'], $d['body'], $d['signature']);
        $ok = $code === 200;
        $attempts = (int)$d['attempts'] + 1;
        $log = json_decode($d['log'], true) ?: [];
        $log[] = ['at' => sbx_now(), 'status' => $code, 'error' => $err,
            'duration_ms' => round((microtime(true) - $t0) * 1000, 1)];
        if ($ok) {
            $db->prepare("UPDATE sbx_delivery SET status = 'delivered', attempts = ?, delivered_at = ?, last_status = ?,"
                . ' last_error = NULL, log = ? WHERE id = ?')->execute([$attempts, sbx_now(), $code, json_encode($log), $d['id']]);
            $sent++;
        } else {
            $delay = SBX_WEBHOOK_RETRY[min($attempts - 1, count(SBX_WEBHOOK_RETRY) - 1)] / sbx_time_scale();
            $db->prepare('UPDATE sbx_delivery SET attempts = ?, next_at = ?, last_status = ?, last_error = ?, log = ?'
                . ' WHERE id = ?')->execute([$attempts, sbx_now() + $delay, $code ?: null,
                $err !== '' ? $err : 'HTTP ' . $code, json_encode($log), $d['id']]);
            $failed++;
        }
    }
    return ['sent' => $sent, 'failed' => $failed];
}

/** One pass of the deliverer: collect new changes, send what is due. */
function sbx_webhook_run_once(): array
{
    $db = sbx_edge_db();
    $made = sbx_webhook_collect($db);
    return ['queued' => $made] + sbx_webhook_send_due($db);
}

function sbx_webhook_lockfile(): string
{
    return sbx_edge_dir() . '/deliver.lock';
}

/**
 * Makes sure the deliverer loop runs when any webhook is configured. Cheap when it already
 * runs (one flock probe); spawns `php deliver.php` detached otherwise.
 */
function sbx_webhook_kick(): void
{
    try {
        if (!sbx_edge_db()->query('SELECT 1 FROM sbx_webhook LIMIT 1')->fetchColumn()) {
            return;
        }
        $fh = @fopen(sbx_webhook_lockfile(), 'c');
        if ($fh === false) {
            return;
        }
        $free = flock($fh, LOCK_EX | LOCK_NB);
        if ($free) {
            flock($fh, LOCK_UN);
        }
        fclose($fh);
        if (!$free) {
            return;
        }
        $env = getenv();
        $env['QBO_SANDBOX_DB'] = sbx_db_path();
        $parent = function_exists('posix_getppid') ? (string)posix_getppid() : '0';
        // the child must not inherit the worker's sockets (listening one and the client's)
        $cmd = '( for f in /proc/self/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-"; fi; done'
            . ' 2>/dev/null; exec ' . escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(__DIR__ . '/deliver.php') . ' '
            . escapeshellarg($parent) . ' </dev/null >>' . escapeshellarg(sbx_edge_dir() . '/deliver.log') . ' 2>&1 ) &';
        $p = proc_open([is_executable('/bin/bash') ? '/bin/bash' : '/bin/sh', '-c', $cmd], [], $pipes, null, $env);
        if (is_resource($p)) {
            proc_close($p);
        }
    } catch (Throwable $e) {
        error_log('sandbox webhooks: kick failed: ' . $e->getMessage());
    }
}
