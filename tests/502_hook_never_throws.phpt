--TEST--
qbo_hook never throws into WHMCS: unknown events, missing ids, WHMCS errors and a throwing fetch become states with the reason (and logModuleCall entries); events with nothing to sync return null
--FILE--
<?php
require __DIR__ . '/hook.inc';
$logged = [];
function logModuleCall($module, $action, $request, $response, $processed = '', $replace = []) {
    $GLOBALS['logged'][] = "$module/$action: $response";
}
$fetch = new HookFetch([
    'GetInvoice' => fn($p) => $p['invoiceid'] === '13' ? throw new RuntimeException('database gone away')
        : ['result' => 'error', 'message' => 'Invoice ID Not Found'],
]);
[$conn] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'inline']);
$show = function (string $ev, array $vars) use ($conn) {
    try {
        $s = qbo_hook($conn, $ev, $vars);
        echo "$ev: ", $s === null ? 'null' : "{$s['state']} - {$s['reason']}", "\n";
    } catch (Throwable $t) {
        echo "$ev THREW ", get_class($t), ": ", $t->getMessage(), "\n";
    }
};
$show('InvoiceDeleted', ['invoiceid' => 1]);
$show('InvoicePaid', ['invoice' => new stdClass()]);
$show('InvoicePaid', ['invoiceid' => 12]);
$show('UpdateInvoiceTotal', ['invoiceid' => 13]);
$show('LogTransaction', ['gateway' => 'stripe', 'data' => 'x', 'result' => 'Successful']);
$show('InvoiceCreation', ['invoiceid' => 14, 'status' => 'Draft']);
echo "logModuleCall entries: ", count($logged), "\n", implode("\n", array_slice($logged, 0, 2)), "\n";
// worker mode: a WHMCS error is kept as 'error' with the reason, a throwing fetch is retried
[$w, , $opts] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'worker']);
qbo_hook($w, 'InvoicePaid', ['invoiceid' => 12]);
qbo_hook($w, 'InvoicePaid', ['invoiceid' => 13]);
qbo_sync($w);
foreach (qbo_test_store_rows($opts['store'], 'SELECT ids, status, attempts, message FROM hook_event ORDER BY seq') as $r) {
    echo "{$r['ids']}: {$r['status']} after {$r['attempts']}: {$r['message']}\n";
}
?>
--EXPECT--
InvoiceDeleted: Error - Unknown WHMCS event 'InvoiceDeleted'; qbo_hook knows ClientAdd, InvoiceCreated, InvoicePaid, AddTransaction ... (see the README's WHMCS section)
InvoicePaid: Error - WHMCS InvoicePaid: $vars has no invoiceid; pass the hook's $vars unchanged
InvoicePaid: Error - WHMCS GetInvoice(invoiceid 12): Invoice ID Not Found
UpdateInvoiceTotal: Error - The fetch callable threw RuntimeException during GetInvoice: database gone away; it is tried again later
LogTransaction: null
InvoiceCreation: null
logModuleCall entries: 4
qbosync/InvoiceDeleted: Unknown WHMCS event 'InvoiceDeleted'; qbo_hook knows ClientAdd, InvoiceCreated, InvoicePaid, AddTransaction ... (see the README's WHMCS section)
qbosync/InvoicePaid: WHMCS InvoicePaid: $vars has no invoiceid; pass the hook's $vars unchanged
{"invoiceid":"12"}: error after 1: WHMCS GetInvoice(invoiceid 12): Invoice ID Not Found
{"invoiceid":"13"}: pending after 1: The fetch callable threw RuntimeException during GetInvoice: database gone away; it is tried again later
