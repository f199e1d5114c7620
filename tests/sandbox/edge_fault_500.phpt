--TEST--
Gateway: fault kind 500 answers a SystemFault (code 10000) once, then the path works again
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$co = ['realm' => edge_realm()];
$co['token'] = edge_token($co['realm'])['access_token'];
$f = edge_fault(['path' => '/v3/company/*/companyinfo/*', 'realm' => $co['realm'], 'kind' => '500']);
echo $f['kind'], ' ', $f['when'], ' ', $f['count'], "\n";
$r = sbx_api($co, 'GET', 'companyinfo/' . $co['realm']);
echo sbx_fault_line($r), "\n";
$r = sbx_api($co, 'GET', 'companyinfo/' . $co['realm']);
echo $r['status'] === 500 ? 'still failing' : 'recovered', "\n";
$log = edge_log(['realm' => $co['realm']]);
echo $log[0]['status'], ' ', $log[0]['fault'], ' ', $log[0]['error_code'], "\n";
?>
--EXPECT--
500 before 1
500 SystemFault 10000 An application error has occurred while processing your request | System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support. | 
recovered
500 500:before 10000
