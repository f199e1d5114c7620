--TEST--
bin/qbosync: status prints the connection and the counts (plain and --json), exits 1 when a record is in Error; unknown commands and a missing config are refused with their exit codes
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();
$cfg = cli_config($options);
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));

[$rc, $out] = cli_run($cfg, ['status']);
echo "rc $rc\n", $out;
[$rc, $out] = cli_run($cfg, ['--json', 'status']);
$j = json_decode($out, true);
echo "rc $rc json Synced: ", $j['counts']['Synced'], "\n";

// an invoice QBO refuses (its number belongs to another customer's invoice there) is an Error: exit 1
$other = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Someone Else'])['json']['Customer']['Id'];
$item = qbo_test_query($realm, 'select * from Item')[0]['Id'];
qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $other], 'DocNumber' => 'D-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 5, 'SalesItemLineDetail' => ['ItemRef' => ['value' => $item]]]]]);
try { qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '9.00', 'D-1')); } catch (QboSync\ApiException $e) {}
[$rc, $out] = cli_run($cfg, ['status', '--json']);
$j = json_decode($out, true);
echo "rc $rc Error: ", $j['counts']['Error'], "\n";

[$rc, $out, $err] = cli_run($cfg, ['frobnicate']);
echo "rc $rc ", $err;
[$rc, $out, $err] = cli_run('/nonexistent/qbosync.php', ['status']);
echo "rc $rc ", $err;
[$rc, $out, $err] = cli_run($cfg, ['help']);
echo "rc $rc ", str_contains($out, 'status') ? "help lists status\n" : "help: $out\n";
?>
--EXPECTF--
rc 0
connection: Active%A
Synced:      1
%A
rc 0 json Synced: 1
rc 1 Error: 1
rc 2 qbosync: unknown command "frobnicate" (qbosync help lists them)
rc 3 qbosync status: cannot read the config file /nonexistent/qbosync.php: give --config FILE, a PHP file returning qbo_connect()'s options
rc 0 help lists status
