--TEST--
Sandbox data: CompanyInfo read by realm id; preferences read
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company(['name' => 'Data Test Co']);
$r = sbx_api($co, 'GET', 'companyinfo/' . $co['realm']);
$ci = $r['json']['CompanyInfo'];
echo $r['status'], ' ', $ci['CompanyName'], ' ', $ci['Country'], ' ', $ci['Id'] === $co['realm'] ? 'id=realm' : 'id?', ' ', $r['headers']['content-type'], ' tid=', isset($r['headers']['intuit_tid']) ? 'yes' : 'no', "\n";
$p = sbx_api($co, 'GET', 'preferences');
echo $p['status'], ' ', $p['json']['Preferences']['CurrencyPrefs']['HomeCurrency']['value'], ' ', var_export($p['json']['Preferences']['SalesFormsPrefs']['CustomTxnNumbers'], true), "\n";
$q = sbx_query($co, 'select * from CompanyInfo');
echo count($q['json']['QueryResponse']['CompanyInfo']), "\n";
?>
--EXPECT--
200 Data Test Co US id=realm application/json;charset=UTF-8 tid=yes
200 USD false
1
