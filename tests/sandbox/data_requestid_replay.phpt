--TEST--
Sandbox data: Same requestid replays the first response byte for byte and creates nothing new
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$rid = 'req-' . bin2hex(random_bytes(8));
$a = sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Replay Co'], ['requestid' => $rid]);
$b = sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Replay Co'], ['requestid' => $rid]);
$c = sbx_api($co, 'POST', 'customer', ['DisplayName' => 'Replay Co'], ['requestid' => $rid . 'x']);
echo $a['status'], ' ', $b['status'], ' ', $a['raw'] === $b['raw'] ? 'identical' : 'different', "\n";
echo sbx_fault_line($c), "\n";
$n = count(array_filter(sbx_ledger($co)['entities'], fn($e) => $e['entity'] === 'Customer' && $e['current']['DisplayName'] === 'Replay Co'));
echo "Replay Co customers: $n\n";
$other = sbx_company();
$o = sbx_api($other, 'POST', 'customer', ['DisplayName' => 'Replay Co'], ['requestid' => $rid]);
echo 'other realm: ', $o['status'], ' ', $o['raw'] === $a['raw'] ? 'replayed' : 'executed', "\n";
?>
--EXPECT--
200 200 identical
400 ValidationFault 6240 Duplicate Name Exists Error | The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. | 
Replay Co customers: 1
other realm: 200 executed
