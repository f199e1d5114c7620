--TEST--
Claim leases: the claims of a SIGKILLed worker (its /batch committed by QBO, the answer never read) are left alone by another host while their lease runs, taken over once it has passed (no kill() check across hosts), and every record is in QBO exactly once (both store backends)
--FILE--
<?php
require __DIR__ . '/batch.inc';
require __DIR__ . '/lease.inc';
const N = 12;
define('LEASE', 10.0 * lease_scale());
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 3 * lease_scale(), 'lease' => LEASE]);
for ($k = 1; $k <= N; $k++) {
    qbo_push($conn, 'customer', eng_customer("k$k", 'Killed', "Owner k$k", "k$k@example.com"));
}
// QBO commits host-a's /batch and holds the answer; host-a is SIGKILLed meanwhile
$rule = qbo_test_fault(['kind' => 'hold', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
    'path' => "/v3/company/$realm/batch", 'delay_ms' => (int)(2000 * LEASE), 'count' => 1]);
$a = lease_sync_start('host-a', $opts, ['batch_size' => 30, 'rate_window' => 0]);
qbo_test_fault_hit($rule, 120, 0.025);
posix_kill(proc_get_status($a[0])['pid'], SIGKILL);
eng_child_wait($a);
qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
$left = lease_sending($opts['store']);
echo "left by the killed worker: ", implode(', ', array_map(fn($h, $v) => "$h {$v[0]}", array_keys($left), $left)), "\n";
$claimed = $left['host-a'][1] ?? microtime(true);

// within the lease: host-b leaves the claims alone (host-b: one process for both of its syncs)
$b = lease_syncer('host-b', $opts, ['batch_size' => 30, 'rate_window' => 0]);
$r = lease_syncer_sync($b);
echo "host-b within the lease: delivered ", $r['delivered'] ?? $r['error'], ", claims still host-a's: ",
    var_export(array_keys(lease_sending($opts['store'])) === ['host-a'], true), "\n";

// after the lease: host-b takes the wave over
while (microtime(true) < $claimed + LEASE + 0.5) {
    usleep(100000);
}
$r = lease_syncer_sync($b);
lease_syncer_end($b);
echo "host-b after the lease: delivered ", $r['delivered'] ?? $r['error'], "\n";
$took = lease_log($opts['store'], 'Taking over the delivery left by');
echo "takeovers of host-a's claims: ", count(array_filter($took, fn($m) => str_contains($m, '@host-a~') || str_contains($m, '@host-a#'))), "\n";
$st = qbo_status($conn);
echo "store: Synced {$st['counts']['Synced']}, queued {$st['queued']}\n";
echo "QBO: ", lease_customers_once($realm, 'k', N), "\n";
?>
--EXPECT--
left by the killed worker: host-a 12
host-b within the lease: delivered 0, claims still host-a's: true
host-b after the lease: delivered 12
takeovers of host-a's claims: 12
store: Synced 12, queued 0
QBO: every record exactly once
