--TEST--
WHMCS harness: a 30-day billing month (>= 200 clients, >= 1,000 invoices, payments, refunds, credits) played through qbo_hook in worker mode ends with QBO's books equal to WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/scenario.inc';
require __DIR__ . '/month.inc';
$t0 = hrtime(true);
$month = whmcs_month();
$run = new Scenario();
ob_start();
$run->play($month);
ob_end_clean();
$w = $run->w;
$count = fn($sql) => (int)$w->one($sql)['n'];
$clients = $count('SELECT count(*) n FROM tblclients');
$invoices = $count('SELECT count(*) n FROM tblinvoices');
$pays = $count('SELECT count(*) n FROM tblaccounts WHERE CAST(amountin AS REAL) > 0');
$refunds = $count('SELECT count(*) n FROM tblaccounts WHERE CAST(amountout AS REAL) > 0');
$credits = $count('SELECT count(*) n FROM tblcredit');
echo "WHMCS: clients >= 200: ", var_export($clients >= 200, true), ", invoices >= 1000: ", var_export($invoices >= 1000, true),
    ", payments: ", var_export($pays > 900, true), ", refunds: ", var_export($refunds >= 50, true), ", credit movements: ", var_export($credits >= 20, true), "\n";
printf("month: %d clients, %d invoices, %d payments, %d refunds, %d credit movements, %d hook calls, %.1f s\n",
    $clients, $invoices, $pays, $refunds, $credits, count($w->fired), (hrtime(true) - $t0) / 1e9);
$st = qbo_status($run->conn);
echo "hook errors: ", count($run->hookErrors), ", queued after the last cron: {$st['queued']}, entities in Error: {$st['counts']['Error']}\n";
$hooks = qbo_test_store_rows($run->opts['store'], 'SELECT count(*) n FROM hook_event');
echo "hook events left unexpanded: {$hooks[0]['n']}\n";
// records not Synced, by kind, state and cause
$not = [];
foreach (qbo_entities($run->conn) as $en) {
    if ($en['state'] !== 'Synced') {
        $cause = str_contains($en['reason'], 'credit of') ? 'credit applied not in QBO' : (str_starts_with($en['reason'], 'Cancelled') ? 'cancelled before delivery' : $en['reason']);
        $k = "{$en['kind']} {$en['state']} ($cause)";
        $not[$k] = ($not[$k] ?? 0) + 1;
    }
}
ksort($not);
foreach ($not as $k => $n) {
    echo "not Synced: $n $k\n";
}
$lines = whmcs_reconcile($run);
whmcs_print_reconciliation($lines);
?>
--EXPECTF--
WHMCS: clients >= 200: true, invoices >= 1000: true, payments: true, refunds: true, credit movements: true
month: %d clients, %d invoices, %d payments, %d refunds, %d credit movements, %d hook calls, %f s
hook errors: 0, queued after the last cron: 0, entities in Error: 0
hook events left unexpanded: 0
not Synced: 11 invoice Skipped (cancelled before delivery)
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included)                209            209  ok
invoices (issued, not cancelled)                               1027           1027  ok
invoiced gross (subtotal + tax)                            29499.00       29499.00  ok
income (invoiced net of tax, less refunds to credit)       28667.00       28667.00  ok
tax                                                            0.00           0.00  ok
payments received                                          28526.00       28526.00  ok
refunds paid out                                             963.50         963.50  ok
refunds to credit balance                                    832.00         832.00  ok
receivables (open invoice balances)                         1123.00        1123.00  ok
client credit balances                                       982.00         982.00  ok
net customer balances (receivables - credit)                 141.00         141.00  ok
gateway fees                                                1017.47        1017.47  ok
