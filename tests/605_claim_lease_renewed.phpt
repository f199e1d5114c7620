--TEST--
Claim leases: a worker whose wave lasts several times its lease renews its claims between requests, so a worker of another host leaves them alone (no takeover while the owner lives); every record exactly once (both store backends)
--FILE--
<?php
require __DIR__ . '/batch.inc';
require __DIR__ . '/lease.inc';
const N = 40;
define('LEASE', 4.0 * lease_scale());
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 0.75 * LEASE, 'lease' => LEASE]);
qbo_test_http('POST', '/_sandbox/latency', ['realm' => $realm, 'fixed_ms' => (int)(600 * lease_scale()), 'jitter_ms' => 0]);
for ($k = 1; $k <= N; $k++) {
    qbo_push($conn, 'customer', eng_customer("r$k", 'Renew', "Lease r$k", "r$k@example.com"));
}
// host-a claims every record in one round (20 waves of 2) and sends its 21 requests (one email lookup
// for the round, 20 /batch) one at a time, 0.6 s each: its round lasts past twice the lease
$a = lease_sync_start('host-a', $opts, ['batch_size' => 2, 'max_in_flight' => 1, 'rate_window' => 0]);
$first = null;
for ($t = microtime(true); microtime(true) - $t < 120 && ($first[0] ?? 0) < N; usleep(20000)) {
    $first = lease_sending($opts['store'])['host-a'] ?? null;   // the round's waves are claimed one by one
}
echo "host-a claimed: ", $first ? $first[0] : 0, "\n";
// host-b, one worker process, syncs again and again while host-a works past twice the lease
$done = tempnam(sys_get_temp_dir(), 'qbo605');
unlink($done);
$b = lease_worker('host-b', ['opts' => $opts, 'sync' => ['batch_size' => 2, 'rate_window' => 0], 'done' => $done,
    'deadline' => microtime(true) + 300]);
$renewed = false;
while (true) {
    $now = microtime(true);
    $held = lease_sending($opts['store'])['host-a'] ?? null;
    if (!$held) {
        break;
    }
    if ($now - $first[1] > 2 * LEASE && $held[1] > $first[1] + LEASE / 2) {
        $renewed = true;   // the claims are older than the lease and their claimed time has moved on
    }
    usleep(200000);
}
touch($done);
[$bcode, $bout, $berr] = eng_child_wait($b);
unlink($done);
$rb = json_decode(trim($bout), true);
$b = ['delivered' => $rb['delivered'] ?? "exit $bcode: " . trim($bout . $berr), 'errors' => $rb['errors'] ?? '?',
    'passes' => $rb['passes'] ?? 0];
[$code, $out] = eng_child_wait($a);
$ra = json_decode(trim($out), true);
echo "host-a's claims renewed past twice the lease: ", var_export($renewed, true), "\n";
echo "host-a delivered: ", $ra['delivered'] ?? "exit $code", "\n";
echo "host-b delivered: {$b['delivered']}, errors {$b['errors']}, synced while host-a held its claims: ",
    var_export($b['passes'] > 1, true), "\n";
echo "takeovers: ", count(lease_log($opts['store'], 'Taking over the delivery')), "\n";
$st = qbo_status($conn);
echo "store: Synced {$st['counts']['Synced']}, queued {$st['queued']}\n";
echo "QBO: ", lease_customers_once($realm, 'r', N), "\n";
?>
--EXPECT--
host-a claimed: 40
host-a's claims renewed past twice the lease: true
host-a delivered: 40
host-b delivered: 0, errors 0, synced while host-a held its claims: true
takeovers: 0
store: Synced 40, queued 0
QBO: every record exactly once
