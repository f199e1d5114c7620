--TEST--
Batched delivery (batch_size 30) delivers exactly what one-at-a-time delivery does, in dependency order, with far fewer requests: the same customers, invoices and payments, links and balances in QBO
--FILE--
<?php
require __DIR__ . '/engine.inc';
function load($conn): void
{
    for ($k = 1; $k <= 12; $k++) {
        qbo_push($conn, 'customer', eng_customer("c$k", 'Wave', "Cust$k", "wave$k@example.com"));
    }
    for ($k = 1; $k <= 12; $k++) {
        qbo_push($conn, 'invoice', eng_invoice("i$k", "c$k", sprintf('%d.%02d', 10 + $k, $k), $k % 3 ? "W-$k" : null));
    }
    for ($k = 1; $k <= 12; $k++) {
        qbo_push($conn, 'payment', eng_payment("p$k", "c$k", sprintf('%d.%02d', 10 + $k, $k), $k % 4 ? "i$k" : null));
    }
}
/** What QBO holds, by local id (from the markers), with the local ids of what it refers to. */
function picture(string $realm): array
{
    $byQbo = [];
    $out = [];
    foreach (['Customer' => 'Notes', 'Invoice' => 'PrivateNote', 'Payment' => 'PrivateNote'] as $entity => $field) {
        foreach (eng_qbo_all($realm, $entity) as $row) {
            if (preg_match('/qbosync:(\w+):(\S+)/', $row[$field] ?? '', $m)) {
                $byQbo[$entity][$row['Id']] = $m[2];
            }
        }
    }
    foreach (['Customer', 'Invoice', 'Payment'] as $entity) {
        foreach (eng_qbo_all($realm, $entity) as $row) {
            $local = $byQbo[$entity][$row['Id']] ?? null;
            if ($local === null) {
                continue;
            }
            $p = [$entity];
            if ($entity === 'Customer') {
                $p[] = $row['DisplayName'];
            } else {
                $p[] = $byQbo['Customer'][$row['CustomerRef']['value']] ?? '?';
                $p[] = $row['TotalAmt'];
                $p[] = $row['Balance'] ?? '';
                $p[] = $row['DocNumber'] ?? '';
            }
            if ($entity === 'Payment') {
                foreach ($row['Line'] ?? [] as $l) {
                    $p[] = $byQbo['Invoice'][$l['LinkedTxn'][0]['TxnId']] ?? '?';
                }
            }
            $out[$local][] = implode('|', $p);
        }
    }
    ksort($out);
    return $out;
}
$pics = [];
$reqs = [];
foreach ([1, 30] as $size) {
    [$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
    load($conn);
    $before = count(eng_requests($realm, '/v3/company/*'));
    $r = qbo_sync($conn, ['batch_size' => $size]);
    $reqs[$size] = count(eng_requests($realm, '/v3/company/*')) - $before;
    echo "batch_size $size: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
    $pics[$size] = picture($realm);
    $once = array_filter($pics[$size], fn($v) => count($v) === 1);
    echo "  records in QBO: ", count($pics[$size]), ", each exactly once: ", var_export(count($once) === count($pics[$size]), true), "\n";
}
echo "same QBO picture: ", var_export($pics[1] === $pics[30], true), "\n";
// batched: the waves (customers, payments without an invoice, invoices, payments) and their lookups
echo "requests: one at a time ", $reqs[1] >= 36 ? '>= 36' : $reqs[1], ", batched ", $reqs[30] <= 10 ? '<= 10' : $reqs[30], "\n";
?>
--EXPECT--
batch_size 1: delivered 36, errors 0, remaining 0
  records in QBO: 36, each exactly once: true
batch_size 30: delivered 36, errors 0, remaining 0
  records in QBO: 36, each exactly once: true
same QBO picture: true
requests: one at a time >= 36, batched <= 10
