--TEST--
bin/qbosync push: plain progress lines off a terminal (a bar with --progress=bar), a dry run, --json, the config file's source; exit 0 when all went, 1 when records failed, 2 for bad options, 5 while another worker holds the lock
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);
$docsFile = qbo_test_tmp($options['store'], '.docs.json');
$docs = ['customer' => array_map(fn($k) => eng_customer("p$k", 'Cli', "Push$k", "p$k@example.com"), range(1, 7))];
file_put_contents($docsFile, json_encode($docs));
$cfg = tempnam(sys_get_temp_dir(), 'qbosync-cli-') . '.php';
file_put_contents($cfg, "<?php\n\$o = " . var_export($options, true) . ";\n\$o['source'] = function (string \$kind, int \$offset, int \$limit) {\n"
    . "    \$d = json_decode(file_get_contents(" . var_export($docsFile, true) . "), true);\n"
    . "    return ['documents' => array_slice(\$d[\$kind] ?? [], \$offset, \$limit), 'total' => count(\$d[\$kind] ?? [])];\n};\nreturn \$o;\n");

[$rc, $out] = cli_run($cfg, ['push', '--kinds', 'customer', '--dry-run', '--page', '3']);
echo "dry run rc $rc\n$out";
echo "QBO customers named Cli: ", count(array_filter(eng_qbo_all($realm, 'Customer'), fn($c) => str_starts_with($c['DisplayName'], 'Cli '))), "\n";

[$rc, $out] = cli_run($cfg, ['push', '--kinds=customer', '--page=3']);
echo "push rc $rc\n$out";
echo "QBO customers named Cli: ", count(array_filter(eng_qbo_all($realm, 'Customer'), fn($c) => str_starts_with($c['DisplayName'], 'Cli '))), "\n";

// one bad record: exit 1, its reason shown; --json and the bar
$docs['customer'][] = ['id' => 'p8', 'first_name' => 'No', 'last_name' => 'Mail'];
file_put_contents($docsFile, json_encode($docs));
[$rc, $out] = cli_run($cfg, ['push', '--kinds', 'customer', '--progress', 'bar']);
echo "bar rc $rc: ", str_contains($out, "\r[##############################] 100% 8/8") ? "bar reaches 100%" : $out, "\n";
echo "reason shown: ", var_export(str_contains($out, 'p8') && str_contains($out, 'email is missing'), true), "\n";
[$rc, $out] = cli_run($cfg, ['--json', 'push', '--kinds', 'customer']);
$j = json_decode($out, true);
echo "json rc $rc: state {$j['state']}, unchanged {$j['counts']['unchanged']}, errors {$j['counts']['errors']}\n";

[$rc, $out, $err] = cli_run($cfg, ['push', '--since', 'yesterday']);
echo "bad since rc $rc: $err";

// another live worker holds the lock and the job runs there
qbo_history($conn, ['kinds' => ['customer'], 'source' => fn() => []]);
$key = qbo_test_store_rows($options['store'], 'SELECT key FROM conn')[0]['key'];
qbo_test_store_exec($options['store'], 'INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat, cancel) VALUES(?, ?, ?, 1, ?, ?, 0)',
    [$key, '1@elsewhere#x', 'elsewhere', microtime(true), microtime(true)]);
[$rc, $out, $err] = cli_run($cfg, ['push']);
echo "locked rc $rc: $err";
@unlink($docsFile);
@unlink($cfg);
?>
--EXPECTF--
dry run rc 0
starting history push #1 (dry run: nothing is written to QuickBooks): customer
progress:  42% 3/7  %s
progress:  85% 6/7  %s
progress: 100% 7/7  %s
state: done - Dry run of 7 records: 7 created, 0 linked, 0 updated, 0 unchanged, 0 skipped, 0 waiting, 0 errors
created:   7
linked:    0
updated:   0
unchanged: 0
skipped:   0
waiting:   0
errors:    0
create customer p1         
create customer p2         
create customer p3         
create customer p4         
create customer p5         
create customer p6         
create customer p7         
QBO customers named Cli: 0
push rc 0
starting history push #2: customer
progress:  42% 3/7  %s
progress:  85% 6/7  %s
progress: 100% 7/7  %s
state: done - Pushed 7 records: 7 created, 0 linked, 0 updated, 0 unchanged, 0 skipped, 0 waiting, 0 errors
created:   7
linked:    0
updated:   0
unchanged: 0
skipped:   0
waiting:   0
errors:    0
QBO customers named Cli: 7
bar rc 1: bar reaches 100%
reason shown: true
json rc 1: state done, unchanged 7, errors 1
bad since rc 2: qbosync push: qbo_history: since and until are dates as YYYY-MM-DD ("yesterday" is not)
locked rc 5: qbosync push: the worker 1@elsewhere#x holds the company's lock and runs the push; wait for it, or `qbosync unlock` when it is dead
