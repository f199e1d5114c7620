--TEST--
A stored history job whose members the steps need are missing or of another type (kinds, walkers, source; totals, credit, counts, pending, report of another type; a kind, a walker or a pending entry that is not a string) is a StoreException naming the job and the member from qbo_history_status(), qbo_sync() and qbo_history_cancel(), and the row is left as it was; a job without its totals, credit, counts, pending and report runs on from empty ones; qbo_history() starts the next job over a damaged one
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$store = $opts['store'];
$docs = ['customer' => [eng_customer('s1', 'Shape', 'One', 'shape1@example.com'), eng_customer('s2', 'Shape', 'Two', 'shape2@example.com')]];
$source = fn($kind, $offset, $limit) => array_slice($docs[$kind] ?? [], $offset, $limit);
$st = qbo_history($conn, ['kinds' => ['customer'], 'page' => 1, 'source' => $source]);
qbo_sync($conn, ['source' => $source]);   // one page read: totals, credit and counts hold something
$job = fn() => qbo_test_store_rows($store, 'SELECT id, state, job FROM history_job')[0];
$good = $job()['job'];
echo "job {$st['id']}: ", qbo_history_status($conn)['state'], ", done ", qbo_history_status($conn)['done'], "\n";
$put = fn(string $text) => qbo_test_store_exec($store, 'UPDATE history_job SET job = ?', [$text]);
$with = function (callable $damage) use ($good) {
    $j = json_decode($good);   // objects stay objects, {} stays {}
    $damage($j);
    return json_encode($j, JSON_UNESCAPED_SLASHES);
};
$error = function (callable $call) use ($store) {   // the StoreException's message (any other exception fails the test)
    try {
        $call();
        return 'no exception';
    } catch (QboSync\StoreException $e) {
        return str_replace($store, 'STORE', $e->getMessage());
    }
};

$cases = [
    'kinds missing' => function ($j) { unset($j->kinds); },
    'kinds a string' => function ($j) { $j->kinds = 'customer'; },
    'a kind a number' => function ($j) { $j->kinds = [7]; },
    'walkers missing' => function ($j) { unset($j->walkers); },
    'walkers an object' => function ($j) { $j->walkers = (object)['customer' => 1]; },
    'a walker null' => function ($j) { $j->walkers = [null]; },
    'source missing' => function ($j) { unset($j->source); },
    'source a number' => function ($j) { $j->source = 1; },
    'totals an array' => function ($j) { $j->totals = [1, 2]; },
    'credit a string' => function ($j) { $j->credit = 'none'; },
    'counts a number' => function ($j) { $j->counts = 3; },
    'pending an object' => function ($j) { $j->pending = (object)['customer' => 's2']; },
    'a pending entry a string' => function ($j) { $j->pending = ['customer s2']; },
    'a pending entry without its id' => function ($j) { $j->pending = [['customer']]; },
    'report an object' => function ($j) { $j->report = (object)[]; },
];
foreach ($cases as $what => $damage) {
    $put($with($damage));
    $text = $job()['job'];
    $status = $error(fn() => qbo_history_status($conn));
    $sync = $error(fn() => qbo_sync($conn, ['source' => $source]));
    $cancel = $error(fn() => qbo_history_cancel($conn));
    echo "$what: $status\n  sync: ", $sync === $status ? 'the same' : $sync, ", cancel: ", $cancel === $status ? 'the same' : $cancel,
        ", row ", $job()['job'] === $text && $job()['state'] === 'running' ? 'unchanged' : 'changed', "\n";
}

// the containers a job fills as it runs: missing, they start empty
$put($with(function ($j) {
    unset($j->totals, $j->credit, $j->counts, $j->pending, $j->report);
}));
$s = qbo_history_status($conn);
echo "without its containers: {$s['state']}, pending {$s['pending']}, report ", count($s['report']), ", counts ", json_encode($s['counts']), "\n";
for ($i = 0; $i < 10 && qbo_history_status($conn)['state'] === 'running'; $i++) {
    qbo_sync($conn, ['source' => $source]);
}
$s = qbo_history_status($conn);
echo "ran on: {$s['state']}, done {$s['done']} of {$s['total']}, created {$s['counts']['created']}; QBO: Shape Two ",
    eng_qbo_count($realm, 'Customer', 'DisplayName', 'Shape Two'), "\n";

// a new job over a damaged one
$put($with(function ($j) { $j->kinds = 'customer'; }));
$st = qbo_history($conn, ['kinds' => ['customer'], 'source' => $source]);
echo "new job: {$st['id']}, {$st['state']}\n";
for ($i = 0; $i < 10 && qbo_history_status($conn)['state'] === 'running'; $i++) {
    qbo_sync($conn, ['source' => $source]);
}
$s = qbo_history_status($conn);
echo "new job: {$s['state']}, done {$s['done']}, counts ", json_encode($s['counts']), "\n";
?>
--EXPECT--
job 1: running, done 1
kinds missing: The history job 1 in the qbosync store STORE cannot be read: its "kinds" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
kinds a string: The history job 1 in the qbosync store STORE cannot be read: its "kinds" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
a kind a number: The history job 1 in the qbosync store STORE cannot be read: its "kinds" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
walkers missing: The history job 1 in the qbosync store STORE cannot be read: its "walkers" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
walkers an object: The history job 1 in the qbosync store STORE cannot be read: its "walkers" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
a walker null: The history job 1 in the qbosync store STORE cannot be read: its "walkers" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
source missing: The history job 1 in the qbosync store STORE cannot be read: its "source" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
source a number: The history job 1 in the qbosync store STORE cannot be read: its "source" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
totals an array: The history job 1 in the qbosync store STORE cannot be read: its "totals" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
credit a string: The history job 1 in the qbosync store STORE cannot be read: its "credit" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
counts a number: The history job 1 in the qbosync store STORE cannot be read: its "counts" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
pending an object: The history job 1 in the qbosync store STORE cannot be read: its "pending" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
a pending entry a string: The history job 1 in the qbosync store STORE cannot be read: its "pending" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
a pending entry without its id: The history job 1 in the qbosync store STORE cannot be read: its "pending" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
report an object: The history job 1 in the qbosync store STORE cannot be read: its "report" is missing or of another type; start a new one
  sync: the same, cancel: the same, row unchanged
without its containers: running, pending 0, report 0, counts {"created":0,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":0}
ran on: done, done 2 of 2, created 1; QBO: Shape Two 1
new job: 2, running
new job: done, done 2, counts {"created":0,"linked":0,"updated":0,"unchanged":2,"skipped":0,"waiting":0,"errors":0}