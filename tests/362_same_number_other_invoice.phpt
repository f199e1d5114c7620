--TEST--
Two billing invoices of one customer with the same number: the second is an Error naming both (not adopted as the first one's QBO invoice); editing it leaves the first invoice alone
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Dup', 'Number', 'dup@example.com'));
$a = qbo_push($conn, 'invoice', eng_invoice('10', '1', '30.00', 'D-1'));
function push_or_error($conn, array $doc): array
{
    try {
        return qbo_push($conn, 'invoice', $doc);
    } catch (QboSync\ApiException $e) {
        echo "push refused: ", get_class($e), "\n";
        return qbo_entities($conn, ['kind' => 'invoice', 'id' => $doc['id']])[0];
    }
}
$b = push_or_error($conn, eng_invoice('11', '1', '45.00', 'D-1'));
echo "first: {$a['state']}; second: {$b['state']}, qbo_id ", var_export($b['qbo_id'], true), "\n";
echo "names both: ", var_export(str_contains($b['reason'], 'Invoice 11') && str_contains($b['reason'], 'Invoice 10'), true), "\n";
echo $b['reason'], "\n";
$b = push_or_error($conn, eng_invoice('11', '1', '50.00', 'D-1'));
$q = qbo_test_api($realm, 'GET', 'invoice/' . $a['qbo_id'])['json']['Invoice'];
echo "after editing the second: {$b['state']}; the first in QBO: total {$q['TotalAmt']}, SyncToken {$q['SyncToken']}, QBO invoices D-1: ",
    eng_qbo_count($realm, 'Invoice', 'DocNumber', 'D-1'), "\n";
// an invoice made in QBO by hand with a number (no marker) is still linked, and brought to the billing amount
$hand = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => qbo_entities($conn, ['kind' => 'customer'])[0]['qbo_id']],
    'DocNumber' => 'H-1', 'Line' => [['Amount' => 20, 'DetailType' => 'SalesItemLineDetail', 'SalesItemLineDetail' => ['ItemRef' => ['value' => '1']]]]]);
$h = qbo_push($conn, 'invoice', eng_invoice('12', '1', '22.00', 'H-1'));
$hq = qbo_test_api($realm, 'GET', 'invoice/' . $h['qbo_id'])['json']['Invoice'];
echo "hand-made H-1: {$h['state']}, linked: ", var_export($h['qbo_id'] === $hand['json']['Invoice']['Id'], true), ", total {$hq['TotalAmt']}, QBO invoices H-1: ",
    eng_qbo_count($realm, 'Invoice', 'DocNumber', 'H-1'), "\n";
?>
--EXPECTF--
push refused: QboSync\ApiException
first: Synced; second: Error, qbo_id NULL
names both: true
Invoice 11: QuickBooks Invoice number D-1 (QBO Invoice %d) is already the record of Invoice 10; %s
push refused: QboSync\ApiException
after editing the second: Error; the first in QBO: total 30, SyncToken 0, QBO invoices D-1: 1
hand-made H-1: Synced, linked: true, total 22, QBO invoices H-1: 1
