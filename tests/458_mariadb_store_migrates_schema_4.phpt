--TEST--
A MariaDB store written by the previous MariaDB schema (version 4; tests/fixtures/mariadb-schema-4.sql, written by the build of commit 6a893ff through tests/fixtures/mariadb-schema-4.sh: records Synced, queued, Waiting and Skipped before a customer's start date, the outbox with its waiting row, mappings, the exchange log) opens and migrates to the current version: every entity with its state, reason, QBO Id and hash, the outbox in order, the mappings with the start date and the log's exchanges are kept, the current schema's columns and indexes exist, and it records and delivers as before (each new record exactly once in the sandbox ledger, the Synced ones not again)
--SKIPIF--
<?php require __DIR__ . '/mariadb.inc'; mdb_skip_unless_mariadb(); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
$store = qbo_test_store();
parse_str((string)parse_url($store, PHP_URL_QUERY), $q);
$prefix = $q['prefix'];
$realm = qbo_test_company();
$opts = qbo_test_options(['store' => $store, 'delivery' => 'worker']);
/* the fixture moved onto this run's sandbox: its connection key (made from
 * the environment URL, whose port changes) and its company's realm become
 * this run's, its tables take this test's prefix; nothing else changes */
$dump = file_get_contents(__DIR__ . '/fixtures/mariadb-schema-4.sql');
preg_match("~INSERT INTO `qfx458_conn` \\([^)]*\\) VALUES \\('([0-9a-f]{32})'~", $dump, $m);
$key = substr(hash('sha256', $opts['environment'] . "\n" . $opts['client_id']), 0, 32);
$dump = strtr($dump, [$m[1] => $key, '9341453100000458' => $realm, 'qfx458_' => $prefix]);
$none = '';
$db = qbo_test_store_db($store, $none);
foreach (preg_split('/;\n/', $dump, -1, PREG_SPLIT_NO_EMPTY) as $stmt) {
    if (trim($stmt) !== '') {
        $db->exec($stmt);
    }
}
$rows = fn(string $sql) => qbo_test_store_rows($store, $sql);
$entities = fn() => $rows('SELECT kind, local_id, state, reason, qbo_id, sync_token, version, synced_version, hash FROM entity ORDER BY kind, local_id');
$outbox = fn() => $rows('SELECT seq, kind, local_id, status, version, wait_kind, wait_id, prio FROM outbox ORDER BY prio, seq');
$mappings = fn() => $rows('SELECT kind, local_id, purpose, qbo_id, start_date FROM mapping ORDER BY kind, local_id, purpose');
$exchanges = fn() => $rows('SELECT id, method, path, status FROM log WHERE method IS NOT NULL ORDER BY id');
echo "before: schema ", $rows("SELECT value FROM meta WHERE conn = '' AND name = 'schema'")[0]['value'], "\n";
[$e0, $o0, $m0, $x0] = [$entities(), $outbox(), $mappings(), $exchanges()];
foreach ($e0 as $r) {
    printf("%s %s: %s, qbo_id %s, version %d%s\n", $r['kind'], $r['local_id'], $r['state'], $r['qbo_id'] ?? '-', $r['version'],
        $r['reason'] !== null ? ' (' . substr($r['reason'], 0, 58) . ')' : '');
}
echo "outbox: ", implode(', ', array_map(fn($r) => "{$r['kind']} {$r['local_id']} {$r['status']}" . ($r['wait_kind'] ? " on {$r['wait_kind']} {$r['wait_id']}" : ''), $o0)), "\n";
echo "mappings: ", implode(', ', array_map(fn($r) => "{$r['kind']} {$r['local_id']} -> {$r['qbo_id']}" . ($r['start_date'] ? " from {$r['start_date']}" : ''), $m0)), "\n";
echo "exchanges in the log: ", count($x0) > 0 ? 'some' : 'none', ", all with a status: ", var_export(!array_filter($x0, fn($r) => !$r['status']), true), "\n";

/* today's extension opens it: the migration runs */
$conn = qbo_connect($opts);
$fresh = qbo_test_store();
$c2 = qbo_connect(['store' => $fresh] + $opts);
unset($c2);
$now = $rows("SELECT value FROM meta WHERE conn = '' AND name = 'schema'")[0]['value'];
$new = qbo_test_store_rows($fresh, "SELECT value FROM meta WHERE conn = '' AND name = 'schema'")[0]['value'];
echo "after: schema ", $now === $new && $now > 4 ? 'that of a new store' : "$now (a new store: $new)", "\n";
echo "entities kept (state, reason, QBO Id, token, versions, hash): ", var_export($entities() === $e0, true), "\n";
echo "outbox kept in order: ", var_export($outbox() === $o0, true), ", mappings kept: ", var_export($mappings() === $m0, true),
    ", exchanges kept: ", var_export($exchanges() === $x0, true), "\n";
/* the columns and indexes of a new store, all in the migrated one */
$shape = function (string $s, string $p) {
    $t = qbo_test_store_tables($s);
    $st = $t[0]->prepare('SELECT table_name, column_name, column_type, generation_expression FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name LIKE ?');
    $st->execute([str_replace('_', '\\_', $p) . '%']);
    $cols = array_map(fn($r) => substr($r[0], strlen($p)) . '.' . $r[1] . ' ' . $r[2] . ($r[3] ? ' AS ' . $r[3] : ''), $st->fetchAll(PDO::FETCH_NUM));
    $st = $t[0]->prepare('SELECT table_name, index_name, seq_in_index, column_name, non_unique FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name LIKE ?');
    $st->execute([str_replace('_', '\\_', $p) . '%']);
    $keys = array_map(fn($r) => substr($r[0], strlen($p)) . ' ' . str_replace($p, '', $r[1]) . " {$r[2]} {$r[3]} {$r[4]}", $st->fetchAll(PDO::FETCH_NUM));
    return [$cols, $keys];
};
parse_str((string)parse_url($fresh, PHP_URL_QUERY), $fq);
[$fc, $fk] = $shape($fresh, $fq['prefix']);
[$mc, $mk] = $shape($store, $prefix);
echo "a new store's columns missing: ", implode(', ', array_diff($fc, $mc)) ?: 'none', "; indexes missing: ", implode(', ', array_diff($fk, $mk)) ?: 'none', "\n";
$owner = array_values(array_filter($mk, fn($k) => str_starts_with($k, 'outbox outbox_owner ')));
sort($owner);
echo "schema 5's index of the owner's claims: outbox_owner(", implode(', ', array_map(fn($k) => explode(' ', $k)[3], $owner)), ")\n";

/* it records and delivers as before */
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
$a = qbo_push($conn, 'customer', eng_customer('17', 'Jane', 'Doe', 'jane@example.com'));
echo "unchanged re-push of Synced customer 17: version {$a['version']}, {$a['state']}, queued ", var_export($a['queued'], true), "\n";
qbo_push($conn, 'customer', eng_customer('19', 'Late', 'Payer', 'late@example.com'));
qbo_push($conn, 'customer', eng_customer('21', 'New', 'Row', 'new@example.com'));
qbo_sync($conn);
qbo_sync($conn);
foreach (qbo_entities($conn) as $en) {
    printf("%s %s: %s%s, queued %s\n", $en['kind'], $en['id'], $en['state'], $en['qbo_id'] ? ', in QBO' : '', var_export($en['queued'], true));
}
foreach (['queued@example.com', 'second@example.com', 'late@example.com', 'new@example.com', 'jane@example.com'] as $mail) {
    echo "customers with $mail in QBO: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', $mail), "\n";
}
foreach (['F-1041', 'F-1042', 'F-1043', 'F-1044'] as $no) {
    echo "invoices $no in QBO: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', $no), "\n";
}
$inv = array_values(array_filter(eng_qbo_all($realm, 'Invoice'), fn($i) => ($i['DocNumber'] ?? '') === 'F-1042'))[0] ?? [];
$c19 = $rows("SELECT qbo_id FROM entity WHERE kind = 'customer' AND local_id = '19'")[0]['qbo_id'];
echo "invoice 1042 is customer 19's: ", var_export(($inv['CustomerRef']['value'] ?? null) === $c19, true), ", item ", $inv['Line'][0]['SalesItemLineDetail']['ItemRef']['value'] ?? '-', ", total ", $inv['TotalAmt'] ?? '-', "\n";
?>
--EXPECT--
before: schema 4
customer 17: Synced, qbo_id 4, version 1
customer 20: Not Tried, qbo_id -, version 1
customer 22: Not Tried, qbo_id -, version 1
invoice 1041: Synced, qbo_id 1, version 1
invoice 1042: Waiting, qbo_id -, version 1 (Waiting on customer 19)
invoice 1043: Skipped, qbo_id -, version 1 (Dated 2026-05-20, before the start date 2026-06-01 set whe)
invoice 1044: Not Tried, qbo_id -, version 1
payment 2041: Synced, qbo_id 2, version 1
outbox: customer 20 queued, customer 22 queued, invoice 1042 waiting on customer 19, invoice 1044 queued
mappings: customer 18 -> 2 from 2026-06-01, item hosting -> 3
exchanges in the log: some, all with a status: true
after: schema that of a new store
entities kept (state, reason, QBO Id, token, versions, hash): true
outbox kept in order: true, mappings kept: true, exchanges kept: true
a new store's columns missing: none; indexes missing: none
schema 5's index of the owner's claims: outbox_owner(conn, owner)
unchanged re-push of Synced customer 17: version 1, Synced, queued false
customer 17: Synced, in QBO, queued false
customer 19: Synced, in QBO, queued false
customer 20: Synced, in QBO, queued false
customer 21: Synced, in QBO, queued false
customer 22: Synced, in QBO, queued false
invoice 1041: Synced, in QBO, queued false
invoice 1042: Synced, in QBO, queued false
invoice 1043: Skipped, queued false
invoice 1044: Synced, in QBO, queued false
payment 2041: Synced, in QBO, queued false
customers with queued@example.com in QBO: 1
customers with second@example.com in QBO: 1
customers with late@example.com in QBO: 1
customers with new@example.com in QBO: 1
customers with jane@example.com in QBO: 0
invoices F-1041 in QBO: 0
invoices F-1042 in QBO: 1
invoices F-1043 in QBO: 0
invoices F-1044 in QBO: 1
invoice 1042 is customer 19's: true, item 3, total 45
