--TEST--
WHMCS harness: an invoice whose create QuickBooks committed but whose answer was lost (an HTML 408, a dropped connection) is cancelled before the retry: it is looked for, found and voided in QuickBooks (not Skipped as never sent), exactly one QBO invoice
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = new Scenario();
$w = $run->w;
$c = $w->addClient(['firstname' => 'Di', 'lastname' => 'Moss', 'email' => 'di@example.com']);
$w->cron();
$n = 0;
foreach ([['html', ['status' => 408]], ['drop', []]] as [$kind, $extra]) {
    $inv = $w->createInvoice($c, [['type' => 'Hosting', 'description' => 'Hosting', 'amount' => '23.25']]);
    qbo_test_fault(['kind' => $kind, 'when' => 'after', 'method' => 'POST', 'realm' => $run->realm, 'count' => 1,
        'path' => "/v3/company/{$run->realm}/*", 'match' => "qbosync:invoice:$inv"] + $extra);
    $w->cron();
    $e = qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$inv])[0];
    echo "$kind: after the lost answer: {$e['state']}, QBO id ", var_export($e['qbo_id'], true), "\n";
    $w->cancelInvoice($inv);
    qbo_test_store_exec($run->opts['store'], 'UPDATE outbox SET next_try = 0');
    qbo_test_store_exec($run->opts['store'], 'UPDATE conn SET throttled_until = 0');
    $w->cron();
    $e = qbo_entities($run->conn, ['kind' => 'invoice', 'id' => (string)$inv])[0];
    echo "$kind: cancelled: {$e['state']}", $e['reason'] ? " ({$e['reason']})" : '', "\n";
    $held = array_values(array_filter(qbo_test_ledger($run->realm)['entities'], fn($x) => $x['entity'] === 'Invoice'
        && preg_match("/qbosync:invoice:$inv\$/", $x['current']['PrivateNote'] ?? '')));
    echo "$kind: QBO invoices with its marker: ", count($held), ", ", $held ? $held[0]['current']['PrivateNote'] . ' total ' . $held[0]['current']['TotalAmt'] : '', "\n";
    echo "$kind: linked to it: ", var_export($held && $e['qbo_id'] === (string)$held[0]['current']['Id'], true), "\n";
}
echo "queued: ", qbo_status($run->conn)['queued'], "\n";
?>
--EXPECT--
html: after the lost answer: Not Tried, QBO id NULL
html: cancelled: Synced
html: QBO invoices with its marker: 1, Voided - qbosync:invoice:1 total 0
html: linked to it: true
drop: after the lost answer: Not Tried, QBO id NULL
drop: cancelled: Synced
drop: QBO invoices with its marker: 1, Voided - qbosync:invoice:2 total 0
drop: linked to it: true
queued: 0
