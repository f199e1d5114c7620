--TEST--
bin/qbosync pull: a full pull of the kinds asked (plain lines and --json), then CDC since the stored watermark; a bad --kinds is refused
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();
$cfg = cli_config($options);
qbo_push($conn, 'customer', eng_customer('c1', 'Ann', 'Lee', 'ann@example.com'));

[$rc, $out, $err] = cli_run($cfg, ['pull', '--kinds', 'customer,item', '--full']);
echo "rc $rc\n", preg_replace('/watermark: \S+/', 'watermark: ISO', $out), $err;
qbo_test_api($realm, 'POST', 'item', ['Name' => 'Pulled Item', 'Type' => 'Service', 'IncomeAccountRef' => ['value' => '1']]);
[$rc, $out] = cli_run($cfg, ['--json', 'pull', '--kinds', 'customer,item']);
$j = json_decode($out, true);
echo "rc $rc json: ", $j['mode'], " ", json_encode($j['counts']), " documents: ", var_export(isset($j['documents']), true), "\n";
[$rc, $out, $err] = cli_run($cfg, ['pull', '--kinds', 'vendor']);
echo "rc $rc ", $err;
?>
--EXPECT--
rc 0
pulled from QuickBooks (full)
customer:  4
item:      4
linked:    0
watermark: ISO
rc 0 json: cdc {"customer":0,"item":1} documents: false
rc 2 qbosync pull: --kinds takes customer, item, invoice, payment (comma-separated), "vendor" given
