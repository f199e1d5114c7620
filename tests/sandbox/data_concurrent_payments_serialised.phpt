--TEST--
Sandbox data: Five concurrent payments of 30 on a 100 invoice: exactly three apply, Balance 10
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 100)]);
$mh = curl_multi_init();
$hs = [];
for ($k = 0; $k < 5; $k++) {
    $ch = curl_init(sbx_base() . '/v3/company/' . $co['realm'] . '/payment?minorversion=75');
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => array_merge(['Content-Type: application/json', 'Accept: application/json'], $co['token'] ? ['Authorization: Bearer ' . $co['token']] : []),
        CURLOPT_POSTFIELDS => json_encode(['CustomerRef' => ['value' => $c['Id']], 'TotalAmt' => 30,
            'Line' => [['Amount' => 30, 'LinkedTxn' => [['TxnId' => $i['Id'], 'TxnType' => 'Invoice']]]]])]);
    curl_multi_add_handle($mh, $ch);
    $hs[] = $ch;
}
do {
    curl_multi_exec($mh, $running);
    curl_multi_select($mh, 0.1);
} while ($running > 0);
$codes = [];
foreach ($hs as $ch) {
    $st = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    $j = json_decode(curl_multi_getcontent($ch), true);
    $codes[] = $st . ($st === 200 ? '' : ':' . ($j['Fault']['Error'][0]['code'] ?? '?'));
}
sort($codes);
echo implode(' ', $codes), "\n";
$g = sbx_api($co, 'GET', 'invoice/' . $i['Id'])['json']['Invoice'];
echo 'Balance=', $g['Balance'], ' links=', count($g['LinkedTxn']), ' SyncToken=', $g['SyncToken'], "\n";
?>
--EXPECT--
200 200 200 400:6000 400:6000
Balance=10 links=3 SyncToken=3
