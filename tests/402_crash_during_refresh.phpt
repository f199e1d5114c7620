--TEST--
Crash test: processes pushing customers and invoices are SIGKILLed while they refresh the token (at least 20 kills with the refresh lock held, requests in flight at a slow token endpoint); every next process takes over, the connection ends Active, no refresh is refused and QBO holds every record exactly once
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/engine.inc';
require_once __DIR__ . '/transport.inc';
$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'crash during refresh'])['json'];
// refresh_margin above the token's life: every API call refreshes first
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline', 'inline_timeout' => 3, 'refresh_margin' => 4000,
    'client_id' => $app['client_id'], 'client_secret' => $app['client_secret']]);
unset($conn);
$N = 10;
$docs = [];
for ($k = 1; $k <= $N; $k++) {
    $docs[] = ['customer', eng_customer("r$k", 'Refresh', "Crash$k", "rc$k@example.com")];
    $docs[] = ['invoice', eng_invoice("ri$k", "r$k", sprintf('%d.%02d', 20 + $k, $k), "RC-$k")];
}
// a slow token endpoint, so kills land inside refreshes: before and after it acted
qbo_test_fault(['kind' => 'slow', 'when' => 'before', 'path' => '/oauth2/v1/tokens/bearer', 'client_id' => $app['client_id'],
    'delay_ms' => 250, 'rate' => 0.5]);
qbo_test_fault(['kind' => 'slow', 'when' => 'after', 'path' => '/oauth2/v1/tokens/bearer', 'client_id' => $app['client_id'],
    'delay_ms' => 250, 'rate' => 0.7]);
$progress = qbo_test_tmp($opts['store'], '.progress');
$job = ['opts' => $opts, 'mode' => 'sequence', 'docs' => $docs, 'progress' => $progress];
$inRefresh = 0;
$kills = 0;
$finished = false;
$deadline = microtime(true) + 150;
mt_srand(crc32($realm));
while ($inRefresh < 24 && microtime(true) < $deadline) {
    $child = eng_child_start($job);
    // wait until the child holds the refresh lock (whatever its start-up takes), then a little more
    $pid = proc_get_status($child[0])['pid'];
    $until = microtime(true) + 20;
    while (microtime(true) < $until && proc_get_status($child[0])['running']
        && !str_starts_with((string)eng_conn_row($opts['store'])['refresh_owner'], $pid . '@')) {
        usleep(5000);
    }
    usleep(mt_rand(0, 200000));
    $st = proc_get_status($child[0]);
    if (!$st['running']) {
        [$code, $out] = eng_child_wait($child);
        if (trim($out) === 'done') {
            // the billing system is through: start again so kills keep landing in refreshes
            @unlink($progress);
            $finished = true;
        }
        continue;
    }
    posix_kill($st['pid'], SIGKILL);
    eng_child_wait($child);
    $kills++;
    $owner = (string)eng_conn_row($opts['store'])['refresh_owner'];
    if (str_starts_with($owner, $st['pid'] . '@')) {
        $inRefresh++;   // it died holding the refresh lock
    }
}
echo "kills during a refresh >= 20: ", var_export($inRefresh >= 20, true), "\n";
qbo_test_http('DELETE', '/_sandbox/faults', ['client_id' => $app['client_id']]);
@unlink($progress);
[$code, $out, $err] = eng_child_wait(eng_child_start($job));
echo "restarted sequence: ", trim($out), $err !== '' ? " ($err)" : '', "\n";
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
for ($k = 1; $k <= $N; $k++) {
    $nc = count(array_filter($customers, fn($r) => preg_match('/^Refresh Crash' . $k . '( \(|$)/', $r['DisplayName'])));
    $ni = count(array_filter($invoices, fn($r) => ($r['DocNumber'] ?? '') === "RC-$k"));
    if ($nc !== 1 || $ni !== 1) {
        $bad[] = "r$k: customers $nc, invoices $ni";
    }
}
echo "records not exactly once: ", $bad ? implode('; ', $bad) : 'none', "\n";
$s = qbo_status($conn);
echo "status: {$s['status']}, Synced {$s['counts']['Synced']} of ", 2 * $N, ", queued {$s['queued']}\n";
foreach (qbo_entities($conn) as $e) {
    if ($e['state'] !== 'Synced') {
        echo "not synced: {$e['kind']} {$e['id']} {$e['state']} {$e['reason']}\n";
    }
}
$refused = array_filter(tr_token_calls($realm), fn($c) => str_ends_with($c, ' 400') || str_ends_with($c, ' 401'));
echo "refreshes refused: ", count($refused), "\n";
?>
--EXPECT--
kills during a refresh >= 20: true
restarted sequence: done
remaining after sync: 0
records not exactly once: none
status: Active, Synced 20 of 20, queued 0
refreshes refused: 0
