--TEST--
Sandbox data: CompanyInfo full update requires CompanyName; sparse update changes it
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$ci = sbx_api($co, 'GET', 'companyinfo/' . $co['realm'])['json']['CompanyInfo'];
echo sbx_fault_line(sbx_api($co, 'POST', 'companyinfo', ['Id' => $ci['Id'], 'SyncToken' => $ci['SyncToken'], 'LegalName' => 'L'])), "\n";
$u = sbx_api($co, 'POST', 'companyinfo', ['Id' => $ci['Id'], 'SyncToken' => $ci['SyncToken'], 'sparse' => true, 'CompanyName' => 'Renamed Ltd']);
echo $u['status'], ' ', $u['json']['CompanyInfo']['CompanyName'], ' ', $u['json']['CompanyInfo']['SyncToken'], ' ', $u['json']['CompanyInfo']['LegalName'], "\n";
?>
--EXPECT--
400 ValidationFault 2020 Required param missing, need to supply the required value for the API | Required parameter CompanyName is missing in the request | CompanyName
200 Renamed Ltd 1 Sandbox Company US
