--TEST--
bin/qbosync log: the exchanges with method, path, status, code and intuit_tid (--type exchange), filters by --code, --tid, --kind/--id, --since, --limit/--offset, --bodies, and --json (the rows qbo_log() gives); bad values exit 2
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'inline']);
$cfg = cli_config($options);
qbo_test_fault(['kind' => '500', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
qbo_push($conn, 'customer', eng_customer('k1', 'Cli', 'Log', 'k1@example.com'));

[$rc, $out] = cli_run($cfg, ['log', '--type', 'exchange', '--code', '10000']);
echo "rc $rc: ", preg_replace(['/^\S+ /m', '~\d{6,}~', '/intuit_tid \S+/', '/\d+ ms/', '/requestid=[^&\s]+/', '/minorversion=\d+/'],
    ['AT ', 'REALM', 'intuit_tid TID', 'N ms', 'requestid=R', 'minorversion=M'], $out);
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--type', 'exchange', '--code', '10000']);
$j = json_decode($out, true);
$tid = $j[0]['intuit_tid'];
echo "json: rc $rc, ", count($j), " row, status ", $j[0]['status'], ", code ", $j[0]['code'], ", tid set: ", var_export(strlen($tid) > 5, true), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--tid', $tid]);
echo "--tid: ", count(json_decode($out, true)), " row\n";
[$rc, $out] = cli_run($cfg, ['log', '--tid', $tid, '--bodies']);
echo "--bodies shows the response: ", var_export(str_contains($out, '    response: ') && str_contains($out, '10000'), true), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--kind', 'customer', '--id', 'k1', '--limit', '1000']);
$all = json_decode($out, true);
echo "customer k1: both types: ", implode(',', array_unique(array_merge(['exchange'], array_column($all, 'type')))), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--kind', 'customer', '--id', 'k1', '--limit', '2', '--offset', '1']);
echo "--offset 1 --limit 2: ", var_export(json_decode($out, true) === array_slice($all, 1, 2), true), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--since', (string)(time() + 3600)]);
echo "--since the future: ", count(json_decode($out, true)), "\n";
foreach ([['--type', 'all'], ['--offset', '-2'], ['--since', 'someday'], ['--level', 'loud']] as $bad) {
    [$rc, , $err] = cli_run($cfg, array_merge(['log'], $bad));
    echo "rc $rc: $err";
}
?>
--EXPECT--
rc 0: AT warn  customer k1        POST /v3/company/REALM/customer?minorversion=M&requestid=R 500 code 10000 intuit_tid TID N ms
json: rc 0, 1 row, status 500, code 10000, tid set: true
--tid: 1 row
--bodies shows the response: true
customer k1: both types: exchange,decision
--offset 1 --limit 2: true
--since the future: 0
rc 2: qbosync log: --type is exchange (QuickBooks exchanges only) or decision (the engine's decisions only)
rc 2: qbosync log: --offset takes a number of rows to skip, 0 or more
rc 2: qbosync log: filter "since" must be a unix time or a date such as 2026-12-01T09:00:00Z, "someday" given
rc 2: qbosync log: --level is info, warn or error (that level and above)
