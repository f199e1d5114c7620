--TEST--
An edit that follows a create whose answer was lost because the process was SIGKILLed with the create in flight (inline, and inside a /batch of qbo_sync) or because QBO answered after the timeout (a 504 once it had committed) is sent: invoices with a number edited 30.00 to 35.00, payments 25.00 to 26.00, an unapplied payment edited to apply pays its invoice; QBO holds one record of each with the edited money, the store says Synced
--SKIPIF--
<?php if (!function_exists('posix_kill')) die('skip posix_kill needed'); ?>
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
qbo_push($conn, 'customer', eng_customer('1', 'Killed', 'Create', 'killed@example.com'));
qbo_push($conn, 'invoice', eng_invoice('bi', '1', '40.00', 'KB-1'));
qbo_push($conn, 'invoice', eng_invoice('ti', '1', '45.00', 'KT-1'));
qbo_sync($conn, ['batch_size' => 1]);

/* QBO commits the matching write and holds its answer; the process is killed meanwhile */
function kill_in_flight(string $realm, string $path, array $job): void
{
    $rule = qbo_test_fault(['kind' => 'hold', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/$path", 'delay_ms' => 60000, 'count' => 1]);
    $child = eng_child_start($job);
    /* a child under valgrind takes long to start: wait for its request as long as that takes */
    qbo_test_fault_hit($rule, 150);
    usleep(300000);
    posix_kill(proc_get_status($child[0])['pid'], SIGKILL);
    eng_child_wait($child);
    qbo_test_http('DELETE', '/_sandbox/faults/' . $rule['id']);
}
function marked(string $realm, string $entity, string $kind, string $id): array
{
    return array_values(array_filter(eng_qbo_all($realm, $entity),
        fn($r) => preg_match('/qbosync:' . $kind . ':' . preg_quote($id, '/') . '(\s|$)/', $r['PrivateNote'] ?? '')));
}
function show($conn, string $realm, string $kind, string $id): void
{
    $entity = $kind === 'invoice' ? 'Invoice' : 'Payment';
    $rows = marked($realm, $entity, $kind, $id);
    $e = qbo_entities($conn, ['kind' => $kind, 'id' => $id])[0];
    $line = "$kind $id: {$e['state']}, QBO holds " . count($rows);
    if ($rows) {
        $line .= ', amount ' . number_format((float)$rows[0]['TotalAmt'], 2, '.', '') . ', the store\'s record: '
            . var_export($rows[0]['Id'] === (string)$e['qbo_id'], true);
        if ($entity === 'Payment') {
            $line .= ', applied lines ' . count(array_filter($rows[0]['Line'] ?? [], fn($l) => !empty($l['LinkedTxn'])));
        }
    }
    echo $line, "\n";
}
$inline = ['opts' => ['delivery' => 'inline'] + $opts, 'mode' => 'push'];

echo "-- killed during an inline create\n";
kill_in_flight($realm, 'invoice', $inline + ['docs' => [['invoice', eng_invoice('k1', '1', '30.00', 'K-1')]]]);
kill_in_flight($realm, 'payment', $inline + ['docs' => [['payment', eng_payment('k2', '1', '25.00')]]]);
echo "QBO committed both: ", count(marked($realm, 'Invoice', 'invoice', 'k1')), " ", count(marked($realm, 'Payment', 'payment', 'k2')), "\n";
qbo_push($conn, 'invoice', eng_invoice('k1', '1', '35.00', 'K-1'));
qbo_push($conn, 'payment', eng_payment('k2', '1', '26.00'));
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
show($conn, $realm, 'invoice', 'k1');
show($conn, $realm, 'payment', 'k2');

echo "-- killed during qbo_sync's /batch\n";
qbo_push($conn, 'payment', eng_payment('b1', '1', '25.00'));
qbo_push($conn, 'payment', eng_payment('b2', '1', '40.00'));
kill_in_flight($realm, 'batch', ['opts' => $opts, 'mode' => 'sync', 'sync' => ['batch_size' => 30]]);
echo "QBO committed both: ", count(marked($realm, 'Payment', 'payment', 'b1')), " ", count(marked($realm, 'Payment', 'payment', 'b2')), "\n";
qbo_push($conn, 'payment', eng_payment('b1', '1', '26.00'));
qbo_push($conn, 'payment', eng_payment('b2', '1', '40.00', 'bi'));
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
show($conn, $realm, 'payment', 'b1');
show($conn, $realm, 'payment', 'b2');
$bi = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'bi'])[0];
echo "invoice bi's QBO balance: ", number_format((float)qbo_test_api($realm, 'GET', 'invoice/' . $bi['qbo_id'])['json']['Invoice']['Balance'], 2), "\n";

echo "-- answered after the timeout (QBO committed, then a 504)\n";
$slow = qbo_connect(['delivery' => 'inline', 'timeout' => 2, 'inline_timeout' => 2] + $opts);
foreach ([['invoice', eng_invoice('t1', '1', '30.00', 'KT-2')], ['payment', eng_payment('t2', '1', '45.00')]] as [$kind, $doc]) {
    qbo_test_fault(['kind' => 'timeout', 'when' => 'after', 'method' => 'POST', 'realm' => $realm,
        'path' => "/v3/company/$realm/$kind", 'delay_ms' => 3500, 'count' => 1]);
    $s = qbo_push($slow, $kind, $doc);
    echo "$kind {$doc['id']} timed out: {$s['state']}, queued ", var_export($s['queued'], true), "\n";
}
usleep(1700000);   /* the held answers end */
$a = qbo_push($slow, 'invoice', eng_invoice('t1', '1', '35.00', 'KT-2'));
$b = qbo_push($slow, 'payment', eng_payment('t2', '1', '45.00', 'ti'));
echo "edits delivered inline: {$a['state']}, {$b['state']}\n";
$r = qbo_sync($conn);
echo "sync afterwards: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
show($conn, $realm, 'invoice', 't1');
show($conn, $realm, 'payment', 't2');
$ti = qbo_entities($conn, ['kind' => 'invoice', 'id' => 'ti'])[0];
echo "invoice ti's QBO balance: ", number_format((float)qbo_test_api($realm, 'GET', 'invoice/' . $ti['qbo_id'])['json']['Invoice']['Balance'], 2), "\n";
foreach (['K-1', 'KT-2'] as $num) {
    echo "QBO invoices numbered $num: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', $num), "\n";
}
$s = qbo_status($conn);
echo "store: Synced {$s['counts']['Synced']}, Error {$s['counts']['Error']}\n";
?>
--EXPECT--
-- killed during an inline create
QBO committed both: 1 1
sync: delivered 2, errors 0, remaining 0
invoice k1: Synced, QBO holds 1, amount 35.00, the store's record: true
payment k2: Synced, QBO holds 1, amount 26.00, the store's record: true, applied lines 0
-- killed during qbo_sync's /batch
QBO committed both: 1 1
sync: delivered 2, errors 0, remaining 0
payment b1: Synced, QBO holds 1, amount 26.00, the store's record: true, applied lines 0
payment b2: Synced, QBO holds 1, amount 40.00, the store's record: true, applied lines 1
invoice bi's QBO balance: 0.00
-- answered after the timeout (QBO committed, then a 504)
invoice t1 timed out: Not Tried, queued true
payment t2 timed out: Not Tried, queued true
edits delivered inline: Synced, Synced
sync afterwards: delivered 0, errors 0, remaining 0
invoice t1: Synced, QBO holds 1, amount 35.00, the store's record: true
payment t2: Synced, QBO holds 1, amount 45.00, the store's record: true, applied lines 1
invoice ti's QBO balance: 0.00
QBO invoices numbered K-1: 1
QBO invoices numbered KT-2: 1
store: Synced 9, Error 0
