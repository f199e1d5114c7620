--TEST--
qbo_history with a source callable: the job is only recorded by the call, qbo_sync() pushes it a page per call with progress (done/total/rate/eta), every record lands in QBO once, and a second push of the same records counts them unchanged
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
$customers = [];
for ($k = 1; $k <= 12; $k++) {
    $customers[] = eng_customer("h$k", 'Hist', "Person$k", "h$k@example.com", ['created' => '2026-0' . (1 + $k % 9) . '-15']);
}
$invoices = [eng_invoice('hi1', 'h1', '10.00', 'H-1'), eng_invoice('hi2', 'h2', '20.50', 'H-2')];
$calls = [];
$source = function (string $kind, int $offset, int $limit) use (&$calls, $customers, $invoices) {
    $calls[] = "$kind@$offset";
    $all = ['customer' => $customers, 'invoice' => $invoices][$kind] ?? [];
    return ['documents' => array_slice($all, $offset, $limit), 'total' => count($all)];
};
var_dump(qbo_history_status($conn));
$st = qbo_history($conn, ['kinds' => ['customer', 'invoice'], 'page' => 5, 'source' => $source]);
echo "recorded: state {$st['state']}, done {$st['done']}, calls ", count($calls), ", QBO customers named Hist ", count(array_filter(eng_qbo_all($realm, 'Customer'), fn($c) => str_starts_with($c['DisplayName'], 'Hist '))), "\n";
$steps = 0;
$seen = [];
while (($st = qbo_history_status($conn))['state'] === 'running' && $steps < 20) {
    $r = qbo_sync($conn);
    $steps++;
    $h = $r['history'];
    $seen[] = "{$h['done']}/{$h['total']}";
}
echo "steps $steps: ", implode(' ', $seen), "\n";
echo "calls: ", implode(' ', $calls), "\n";
echo "state {$st['state']}, done {$st['done']} of {$st['total']}, eta {$st['eta']}, rate > 0: ", var_export($st['rate'] > 0, true), "\n";
echo "counts: ", json_encode($st['counts']), "\n";
echo "message: {$st['message']}\n";
$names = array_count_values(array_map(fn($c) => $c['DisplayName'], eng_qbo_all($realm, 'Customer')));
echo "QBO customers named Hist: ", count(array_filter(array_keys($names), fn($n) => str_starts_with($n, 'Hist '))), ", most of one name: ", max($names), "\n";
echo "QBO invoices: ", count(eng_qbo_all($realm, 'Invoice')), "\n";
echo "worker after: ", var_export(qbo_status($conn)['worker'], true), "\n";

// the same push again: nothing new in QBO, everything unchanged
$posts = count(eng_requests($realm, "/v3/company/$realm/*", 'POST'));
$st = qbo_history($conn, ['kinds' => 'customer,invoice', 'source' => $source]);
echo "second job id {$st['id']}, state {$st['state']}\n";
while (qbo_history_status($conn)['state'] === 'running') {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "second: ", json_encode($st['counts']), ", new POSTs: ", count(eng_requests($realm, "/v3/company/$realm/*", 'POST')) - $posts, "\n";

// bad options are refused before anything is recorded
foreach ([['kinds' => ['invoice', 'widget']], ['since' => '2026-13-1'], ['since' => '2026-05-01', 'until' => '2026-01-01'], ['page' => 0]] as $bad) {
    try {
        qbo_history($conn, $bad);
        echo "accepted\n";
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    qbo_history($conn, ['frequency' => 1]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
echo "job still #", qbo_history_status($conn)['id'], "\n";
?>
--EXPECTF--
NULL
recorded: state running, done 0, calls 0, QBO customers named Hist 0
steps 4: 5/12 10/12 12/12 14/14
calls: customer@0 customer@5 customer@10 invoice@0
state done, done 14 of 14, eta 0, rate > 0: true
counts: {"created":14,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":0}
message: Pushed 14 records: 14 created, 0 linked, 0 updated, 0 unchanged, 0 skipped, 0 waiting, 0 errors
QBO customers named Hist: 12, most of one name: 1
QBO invoices: 2
worker after: NULL
second job id 2, state running
second: {"created":0,"linked":0,"updated":0,"unchanged":14,"skipped":0,"waiting":0,"errors":0}, new POSTs: 0
QboSync\ValidationException: qbo_history: kind "widget" is not one of customer, item, invoice, payment, refund, credit
QboSync\ValidationException: qbo_history: since and until are dates as YYYY-MM-DD ("2026-13-1" is not)
QboSync\ValidationException: qbo_history: since (2026-05-01) is after until (2026-01-01)
QboSync\ValidationException: qbo_history: page must be between 1 and 500 records per step
qbo_history(): Argument #2 ($options) contains unknown option "frequency"
job still #2
