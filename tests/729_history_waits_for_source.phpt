--TEST--
qbo_history: a run that cannot read the records (no source for a source job, no fetch for a WHMCS job: a cron elsewhere) leaves the job waiting with a message instead of failing it; the next run with the source goes on; bin/qbosync push without them exits 3 saying what is missing
--FILE--
<?php
require __DIR__ . '/cli.inc';
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$docs = [eng_customer('v1', 'Wait', 'One', 'v1@example.com'), eng_customer('v2', 'Wait', 'Two', 'v2@example.com')];
$source = fn($k, $o, $l) => array_slice($docs, $o, $l);
qbo_history($conn, ['kinds' => ['customer'], 'source' => $source]);
unset($conn);
$other = qbo_connect($opts);   // another request: no source held
$r = qbo_sync($other);
echo "without the source: {$r['history']['state']}, done {$r['history']['done']}: {$r['history']['message']}\n";
$r = qbo_sync($other, ['source' => $source]);
echo "with it: {$r['history']['state']}, done {$r['history']['done']} of {$r['history']['total']}\n";

// a WHMCS job where no fetch (and no localAPI) exists
qbo_history($other, ['kinds' => ['customer']]);
$r = qbo_sync($other);
echo "WHMCS job without a fetch: {$r['history']['state']}: {$r['history']['message']}\n";
[$rc, , $err] = cli_run(cli_config($opts), ['push']);
echo "cli rc $rc: $err";
?>
--EXPECT--
without the source: running, done 0: Waiting for a run with the source callable: pass it as qbo_sync()'s (or qbo_history()'s) option source
with it: done, done 2 of 2
WHMCS job without a fetch: running: Waiting for a run that can read the records: No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI)
cli rc 3: qbosync push: Waiting for a run that can read the records: No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI) (in the config file: fetch, or source)
