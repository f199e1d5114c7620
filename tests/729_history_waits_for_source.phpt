--TEST--
qbo_history: a run that cannot read the records (no source for a source job, no fetch for a WHMCS job: a cron elsewhere) leaves the job waiting with a message instead of failing it; the next run with the source goes on; bin/qbosync push without them exits 3 saying what is missing; a source that keeps throwing fails the job after 5 tries in a row
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
// a source that throws: the page is read again at each step; after 5 failures in a row the job fails
qbo_history_cancel($other);
$bad = function () { throw new RuntimeException('billing API down'); };
qbo_history($other, ['kinds' => ['customer'], 'source' => $bad]);
for ($i = 1; $i <= 5; $i++) {
    $h = qbo_sync($other, ['source' => $bad])['history'];
    echo "run $i: {$h['state']}\n";
}
echo $h['message'], "\n";
?>
--EXPECT--
without the source: running, done 0: Waiting for a run with the source callable: pass it as qbo_sync()'s (or qbo_history()'s) option source
with it: done, done 2 of 2
WHMCS job without a fetch: running: Waiting for a run that can read the records: No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI)
cli rc 3: qbosync push: Waiting for a run that can read the records: No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI) (in the config file: fetch, or source)
run 1: running
run 2: running
run 3: running
run 4: running
run 5: failed
The source callable threw RuntimeException for customer at 0: billing API down; the page is read again at the next step
