--TEST--
bin/qbosync unlock (a dead worker's lock released, --cancel asks a live one to stop, --history cancels the push), log (filters by kind, id, level, limit; --json) and reconcile (a table per kind; exit 1 when records differ, 2 without a period)
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);
$cfg = cli_config($options);
$key = qbo_test_store_rows($options['store'], 'SELECT key FROM conn')[0]['key'];
qbo_test_store_exec($options['store'], 'INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat, cancel) VALUES(?, ?, ?, 31337, ?, ?, 0)',
    [$key, '31337@elsewhere#dead', 'elsewhere', microtime(true) - 900, microtime(true) - 900]);
[$rc, $out] = cli_run($cfg, ['unlock', '--cancel']);
echo "rc $rc: ", preg_replace('/heartbeat [^,]+,/', 'heartbeat T,', $out);
[$rc, $out] = cli_run($cfg, ['unlock']);
echo "rc $rc: ", preg_replace('/heartbeat [^,]+,/', 'heartbeat T,', $out);
[$rc, $out] = cli_run($cfg, ['unlock']);
echo "rc $rc: $out";
qbo_history($conn, ['source' => fn() => []]);
[$rc, $out] = cli_run($cfg, ['--json', 'unlock', '--history']);
$j = json_decode($out, true);
echo "rc $rc: history cancelled ", var_export($j['history_cancelled'], true), ", released ", var_export($j['released'], true), ", state ", qbo_history_status($conn)['state'], "\n";

// the log
qbo_push($conn, 'customer', eng_customer('g1', 'Log', 'One', 'g1@example.com'));
qbo_push($conn, 'customer', eng_customer('g2', 'Log', 'Two', 'g2@example.com'));
qbo_sync($conn);
[$rc, $out] = cli_run($cfg, ['log', '--kind', 'customer', '--id', 'g2']);
echo "log rc $rc:\n", preg_replace('/^\S+ /m', 'AT ', $out);
[$rc, $out] = cli_run($cfg, ['log', '--level', 'warn', '--limit', '2']);
echo "warn and above:\n", preg_replace('/^\S+ /m', 'AT ', $out);
[$rc, $out] = cli_run($cfg, ['--json', 'log', '--limit', '3']);
echo "json rows: ", count(json_decode($out, true)), "\n";
[$rc, , $err] = cli_run($cfg, ['log', '--level', 'loud']);
echo "rc $rc: $err";

// reconcile (through the config's fetch: none here, so a source)
$docsFile = qbo_test_tmp($options['store'], '.docs.json');
file_put_contents($docsFile, json_encode(['invoice' => [eng_invoice('gi1', 'g1', '12.00', 'G-1')]]));
$cfg2 = tempnam(sys_get_temp_dir(), 'qbosync-cli-') . '.php';
file_put_contents($cfg2, "<?php\n\$o = " . var_export($options, true) . ";\n\$o['source'] = fn(string \$k, int \$o, int \$l) => array_slice(json_decode(file_get_contents("
    . var_export($docsFile, true) . "), true)[\$k] ?? [], \$o, \$l);\nreturn \$o;\n");
[$rc, $out, $err] = cli_run($cfg2, ["reconcile", "--from", "2026-11-01", "--to", "2026-11-30", "--kinds", "invoice,payment"]);

echo "reconcile rc $rc:\n$out";
qbo_push($conn, 'invoice', eng_invoice('gi1', 'g1', '12.00', 'G-1'));
qbo_sync($conn);
[$rc, $out] = cli_run($cfg2, ['--json', 'reconcile', '--from', '2026-11-01', '--to', '2026-11-30']);
$j = json_decode($out, true);
echo "after the push: rc $rc, invoices {$j['kinds']['invoice']['billing']['sum']} / {$j['kinds']['invoice']['qbo']['sum']}\n";
[$rc, , $err] = cli_run($cfg2, ['reconcile', '--from', '2026-11-01']);
echo "rc $rc: $err";
@unlink($docsFile);
@unlink($cfg2);
?>
--EXPECT--
rc 0: asked the worker 31337@elsewhere#dead (pid 31337 on elsewhere, last heartbeat T, silent) to stop at its next step
rc 0: released the worker lock of 31337@elsewhere#dead (pid 31337 on elsewhere, last heartbeat T, silent)
rc 0: the worker lock was free
rc 0: history cancelled true, released false, state cancelled
log rc 0:
AT info  customer g2        Customer g2: created QBO Customer 5 (version 1)
warn and above:
AT warn  -                  History push 1 cancelled
AT warn  -                  Worker lock of 31337@elsewhere#dead released on request (qbo_unlock)
json rows: 3
rc 2: qbosync log: --level is info, warn or error (that level and above)
reconcile rc 1:
period 2026-11-01 to 2026-11-30
kind      billing            sum      QBO            sum
invoice         1          12.00        0           0.00  differs
payment         0           0.00        0           0.00  ok
  invoice gi1 / QBO -: Not in QuickBooks: never pushed
after the push: rc 0, invoices 12.00 / 12.00
rc 2: qbosync reconcile: give the period: --from YYYY-MM-DD --to YYYY-MM-DD
