--TEST--
The refresh lock lives longer than the longest request it covers: with a 35 s token endpoint, a 60 s worker timeout and strict rotation, a second process waits for the first one's refresh instead of refreshing with the already-used token; no invalid_grant, neither sync fails and the two deliver both records between them (which one delivers which is their race), Active
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/engine.inc';
require_once __DIR__ . '/transport.inc';

$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'slow token endpoint'])['json'];
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker', 'timeout' => 60,
    'client_id' => $app['client_id'], 'client_secret' => $app['client_secret']]);
unset($conn);
qbo_test_rotation($realm, 'every');
eng_expire_access($opts['store']);
$slow = qbo_test_fault(['kind' => 'slow', 'delay_ms' => 35000, 'path' => '/oauth2/v1/tokens/bearer',
    'client_id' => $app['client_id'], 'count' => 1]);
$kids = [];
foreach (['1', '2'] as $n) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        if ($n === '2') {
            // start once the first process's refresh is at the slow token endpoint (up to 60 s: on a
            // loaded machine the first one can take longer than 10 s to get there)
            for ($i = 0; $i < 2400; $i++) {
                $f = array_values(array_filter(qbo_test_http('GET', '/_sandbox/faults')['json']['faults'], fn($r) => $r['id'] === $slow['id']));
                if (!$f || $f[0]['hits'] > 0) {
                    break;
                }
                usleep(25000);
            }
        }
        $c = qbo_connect($opts);
        qbo_push($c, 'customer', eng_customer("s$n", 'Slow', "Endpoint$n", "s$n@example.com"));
        try {
            $r = qbo_sync($c);
            file_put_contents(qbo_test_tmp($opts['store'], ".out$n"), (string)$r['delivered']);
        } catch (QboSync\Exception $e) {
            file_put_contents(qbo_test_tmp($opts['store'], ".out$n"), get_class($e) . ': ' . $e->getMessage());
        }
        exit(0);
    }
    $kids[] = $pid;
}
foreach ($kids as $pid) {
    pcntl_waitpid($pid, $status);
}
/* which process delivers which record is theirs to race for (the one that waited on the
 * lock may claim both once the token is there): each sync ends without an exception, and
 * the two deliver the two records between them */
$sum = 0;
foreach (['1', '2'] as $n) {
    $out = (string)@file_get_contents(qbo_test_tmp($opts['store'], ".out$n"));
    echo "process $n: ", ctype_digit($out) ? 'no exception' : $out, "\n";
    $sum += ctype_digit($out) ? (int)$out : 0;
    @unlink(qbo_test_tmp($opts['store'], ".out$n"));
}
echo "delivered by the two: $sum\n";
$calls = tr_token_calls($realm);
echo "token calls: ", implode(', ', $calls), "\n";
$conn = qbo_connect($opts);
qbo_sync($conn);
foreach (qbo_entities($conn) as $e) {
    echo "customer {$e['id']}: {$e['state']}\n";
}
echo "in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Slow Endpoint1'), " ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Slow Endpoint2'), "\n";
echo "status: ", qbo_status($conn)['status'], "\n";
?>
--EXPECT--
process 1: no exception
process 2: no exception
delivered by the two: 2
token calls: authorization_code 200, refresh_token 200
customer s1: Synced
customer s2: Synced
in QBO: 1 1
status: Active
