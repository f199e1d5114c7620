--TEST--
Two processes sharing a store need a refresh at the same moment: the OAuth server sees one refresh, both deliver
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
unset($conn);
eng_expire_access($opts['store']);
$refreshes = eng_refresh_count($realm);
$go = qbo_test_tmp($opts['store'], '.go');
$kids = [];
foreach (['1', '2'] as $n) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        while (!file_exists($go)) {
            usleep(1000);
        }
        // each process delivers its own record as it pushes it (inline), so each needs the token
        $c = qbo_connect(['delivery' => 'inline'] + $opts);
        $st = qbo_push($c, 'customer', eng_customer("c$n", 'Proc', "Number$n", "p$n@example.com"));
        file_put_contents(qbo_test_tmp($opts['store'], ".out$n"), json_encode(['delivered' => $st['state'] === 'Synced' ? 1 : 0]));
        exit(0);   // a normal exit: qbo.inc's shutdown functions act only in the parent
    }
    $kids[] = $pid;
}
touch($go);
foreach ($kids as $pid) {
    pcntl_waitpid($pid, $status);
}
foreach (['1', '2'] as $n) {
    $r = json_decode((string)@file_get_contents(qbo_test_tmp($opts['store'], ".out$n")), true);
    echo "process $n delivered: ", $r['delivered'] ?? 'nothing', "\n";
    @unlink(qbo_test_tmp($opts['store'], ".out$n"));
}
@unlink($go);
echo "refresh calls: ", eng_refresh_count($realm) - $refreshes, "\n";
$conn = qbo_connect($opts);
foreach (qbo_entities($conn) as $e) {
    echo "{$e['kind']} {$e['id']}: {$e['state']}\n";
}
echo "in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Proc Number1'), " ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Proc Number2'), "\n";
echo "status: ", qbo_status($conn)['status'], "\n";
?>
--EXPECT--
process 1 delivered: 1
process 2 delivered: 1
refresh calls: 1
customer c1: Synced
customer c2: Synced
in QBO: 1 1
status: Active
