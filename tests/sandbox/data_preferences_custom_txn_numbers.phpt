--TEST--
Sandbox data: Preferences update: with CustomTxnNumbers on, an invoice without DocNumber gets none
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$p = sbx_api($co, 'GET', 'preferences')['json']['Preferences'];
$u = sbx_api($co, 'POST', 'preferences', ['Id' => $p['Id'], 'SyncToken' => $p['SyncToken'], 'sparse' => true,
    'SalesFormsPrefs' => ['CustomTxnNumbers' => true]]);
$sf = $u['json']['Preferences']['SalesFormsPrefs'];
echo $u['status'], ' CustomTxnNumbers=', var_export($sf['CustomTxnNumbers'], true), ' DefaultTerms kept=', $sf['DefaultTerms']['name'], ' SyncToken=', $u['json']['Preferences']['SyncToken'], "\n";
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
echo 'DocNumber=', $i['DocNumber'] ?? 'none', "\n";
?>
--EXPECT--
200 CustomTxnNumbers=true DefaultTerms kept=Net 30 SyncToken=1
DocNumber=none
