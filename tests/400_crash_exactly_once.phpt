--TEST--
Crash test: a process pushing customers, invoices and payments is SIGKILLed at random points (mid-request included) many times; after restart and qbo_sync QBO holds every record exactly once and the store says Synced for all
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
unset($conn);
$N = 12;
$docs = [];
for ($k = 1; $k <= $N; $k++) {
    $c = ['customer', eng_customer("k$k", 'Crash', "Client$k", "crash$k@example.com")];
    $i = ['invoice', eng_invoice("inv$k", "k$k", sprintf('%d.%02d', 10 + $k, $k), "CR-$k")];
    $p = ['payment', eng_payment("pay$k", "k$k", sprintf('%d.%02d', 10 + $k, $k), "inv$k")];
    // every third invoice arrives before its customer (it must wait, then follow)
    foreach ($k % 3 === 0 ? [$i, $c, $p] : [$c, $i, $p] as $d) {
        $docs[] = $d;
    }
}
// slow answers so kills land inside requests: before QBO acts, and after it committed
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => 15, 'jitter_ms' => 60]);
qbo_test_fault(['kind' => 'slow', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/*", 'delay_ms' => 150, 'rate' => 0.4]);
$progress = qbo_test_tmp($opts['store'], '.progress');
$job = ['opts' => $opts, 'mode' => 'sequence', 'docs' => $docs, 'progress' => $progress];
$kills = 0;
$finished = false;
$deadline = microtime(true) + 45;
mt_srand(crc32($realm));
while ($kills < 30 && microtime(true) < $deadline) {
    $child = eng_child_start($job);
    usleep(mt_rand(40000, 260000));
    $st = proc_get_status($child[0]);
    if (!$st['running']) {
        [$code, $out] = eng_child_wait($child);
        if (trim($out) === 'done') {
            $finished = true;
            break;
        }
        continue;
    }
    posix_kill($st['pid'], SIGKILL);
    eng_child_wait($child);   // reaps it, so its pid is seen as dead
    $kills++;
}
echo "kills >= 20: ", var_export($kills >= 20, true), "\n";
// restart: normal speed, the billing system finishes its sequence, then the worker drains
qbo_test_http('DELETE', '/_sandbox/latency', ['realm' => $realm]);
qbo_test_http('DELETE', '/_sandbox/faults', ['realm' => $realm]);
if (!$finished) {
    [$code, $out, $err] = eng_child_wait(eng_child_start($job));
    echo "restarted sequence: ", trim($out), $err !== '' ? " ($err)" : '', "\n";
} else {
    echo "restarted sequence: done\n";
}
@unlink($progress);
$conn = qbo_connect($opts);
for ($pass = 0; $pass < 10; $pass++) {
    $r = qbo_sync($conn);
    if ($r['remaining'] === 0) {
        break;
    }
    sleep(1);
}
echo "remaining after sync: {$r['remaining']}\n";
$bad = [];
$customers = eng_qbo_all($realm, 'Customer');
$invoices = eng_qbo_all($realm, 'Invoice');
$payments = eng_qbo_all($realm, 'Payment');
for ($k = 1; $k <= $N; $k++) {
    $nc = count(array_filter($customers, fn($r) => str_starts_with($r['DisplayName'], "Crash Client$k") && preg_match('/^Crash Client' . $k . '( \(|$)/', $r['DisplayName'])));
    $ni = count(array_filter($invoices, fn($r) => ($r['DocNumber'] ?? '') === "CR-$k"));
    $np = count(array_filter($payments, fn($r) => preg_match('/qbosync:payment:pay' . $k . '(?![^\s;,])/', $r['PrivateNote'] ?? '')));
    if ($nc !== 1 || $ni !== 1 || $np !== 1) {
        $bad[] = "k$k: customers $nc, invoices $ni, payments $np";
    }
}
echo "records not exactly once: ", $bad ? implode('; ', $bad) : 'none', "\n";
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']} of ", 3 * $N, ", queued {$s['queued']}\n";
$notSynced = array_filter(qbo_entities($conn), fn($e) => $e['state'] !== 'Synced');
foreach ($notSynced as $e) {
    echo "not synced: {$e['kind']} {$e['id']} {$e['state']} {$e['reason']}\n";
}
// every payment is applied to its own invoice, and every invoice to its own customer
$byId = [];
foreach (qbo_entities($conn) as $e) {
    $byId[$e['kind']][$e['id']] = $e['qbo_id'];
}
$links = 0;
foreach ($payments as $p) {
    if (preg_match('/qbosync:payment:pay(\d+)/', $p['PrivateNote'] ?? '', $m)
        && ($p['Line'][0]['LinkedTxn'][0]['TxnId'] ?? null) === $byId['invoice']['inv' . $m[1]]
        && $p['CustomerRef']['value'] === $byId['customer']['k' . $m[1]]) {
        $links++;
    }
}
echo "payments linked to their invoice and customer: $links\n";
?>
--EXPECT--
kills >= 20: true
restarted sequence: done
remaining after sync: 0
records not exactly once: none
store: Synced 36 of 36, queued 0
payments linked to their invoice and customer: 12
