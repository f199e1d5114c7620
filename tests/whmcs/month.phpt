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
$lines = whmcs_reconcile($run, [
    'receivables (open invoice balances)' => 'invoice credit_applied is not applied in QBO yet (engine)',
    'client credit balances' => 'invoice credit_applied is not applied in QBO yet (engine)',
    'gateway fees' => 'payment fee is not mapped to QBO yet (engine)',
]);
whmcs_print_reconciliation($lines);
?>
--EXPECTF--
WHMCS: clients >= 200: true, invoices >= 1000: true, payments: true, refunds: true, credit movements: true
month: %d clients, %d invoices, %d payments, %d refunds, %d credit movements, %d hook calls, %f s
hook errors: 0, queued after the last cron: 0, entities in Error: 0
hook events left unexpanded: 0
reconciliation                                                WHMCS            QBO  
customers (WHMCS clients, deleted ones included) %s  ok
invoices (issued, not cancelled) %s  ok
invoiced gross (subtotal + tax) %s  ok
income (invoiced net of tax, less refunds to credit) %s  ok
tax                                                            0.00           0.00  ok
payments received %s  ok
refunds paid out %s  ok
refunds to credit balance %s  ok
receivables (open invoice balances) %s  KNOWN GAP: invoice credit_applied is not applied in QBO yet (engine)
client credit balances %s  KNOWN GAP: invoice credit_applied is not applied in QBO yet (engine)
net customer balances (receivables - credit) %s  ok
gateway fees %s  KNOWN GAP: payment fee is not mapped to QBO yet (engine)
