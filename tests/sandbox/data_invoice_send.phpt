--TEST--
Sandbox data: POST /invoice/{id}/send marks the invoice EmailSent and sets BillEmail
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
echo $i['EmailStatus'], "\n";
$r = sbx_api($co, 'POST', 'invoice/' . $i['Id'] . '/send', null, ['sendTo' => 'billing@client.example'], ['Content-Type' => 'application/octet-stream']);
$o = $r['json']['Invoice'];
echo $r['status'], ' ', $o['EmailStatus'], ' ', $o['BillEmail']['Address'], ' ', $o['DeliveryInfo']['DeliveryType'], ' SyncToken=', $o['SyncToken'], "\n";
echo sbx_fault_line(sbx_api($co, 'POST', 'invoice/' . $i['Id'] . '/send', null, ['sendTo' => 'not-an-address'])), "\n";
?>
--EXPECT--
NotSet
200 EmailSent billing@client.example Email SyncToken=1
400 ValidationFault 6000 A business validation error has occurred while processing your request | Business Validation Error: Invalid email address: not-an-address | sendTo
