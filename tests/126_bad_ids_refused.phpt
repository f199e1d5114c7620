--TEST--
An Id or SyncToken QuickBooks could not have sent (a path in the Id, an Id longer than any QBO Id, a SyncToken that is not a number, CR/LF in an Id) is refused with a reason naming it: nothing of it is stored, never silently cut; the create's outcome is uncertain, so the record stays queued with its requestid
--FILE--
<?php
require __DIR__ . '/transport.inc';
require __DIR__ . '/hostile_server.inc';

$json = ['Content-Type' => 'application/json'];
$cust = fn(string $id, string $tok) => ['status' => 200, 'headers' => $json, 'body' => json_encode(['Customer' => [
    'Id' => $id, 'SyncToken' => $tok, 'DisplayName' => 'x', 'GivenName' => 'Transport', 'FamilyName' => 'x'],
    'time' => '2026-11-20T10:00:00-08:00'])];
$long = str_repeat('7', 40);
$hs = hs_start([
    ['path' => '/oauth2/v1/tokens/bearer', 'responses' => [['status' => 200, 'headers' => $json, 'body' => hs_tokens('access-1', 'refresh-1')]]],
    ['path' => '/v3/company/4620816365000001/query', 'responses' => [['status' => 200, 'headers' => $json, 'body' => '{"QueryResponse":{}}']]],
    ['method' => 'POST', 'path' => '/v3/company/4620816365000001/customer', 'responses' => [
        $cust('12/../../companyinfo', '0'), $cust($long, '0'), $cust('58', '1; DROP'), $cust("5\r\n8", '0')]],
]);
[$conn, $opts] = hs_connect($hs, ['delivery' => 'inline']);
foreach (['1', '2', '3', '4'] as $id) {
    qbo_push($conn, 'customer', tr_customer($id, 'ids'));
}
foreach (qbo_entities($conn) as $e) {
    $rid = qbo_test_store_rows($opts['store'], "SELECT create_rid FROM entity WHERE kind = 'customer' AND local_id = ?", [$e['id']])[0]['create_rid'] ?? null;
    echo "customer {$e['id']}: {$e['state']}, queued ", var_export($e['queued'], true), ", requestid kept: ",
        $rid ? 'yes' : 'no', ", qbo_id ", var_export($e['qbo_id'], true), "\n";
    echo "  ", preg_replace('/^.*?(QuickBooks answered)/', '$1', $e['reason']), "\n";
}
hs_stop($hs);
?>
--EXPECT--
customer 1: Not Tried, queued true, requestid kept: yes, qbo_id NULL
  QuickBooks answered Customer with an Id "12/../../companyinfo", which QuickBooks could not have sent (an Id is 1 to 31 letters, digits, '-' or '_'); nothing from that answer was stored
customer 2: Not Tried, queued true, requestid kept: yes, qbo_id NULL
  QuickBooks answered Customer with an Id "7777777777777777777777777777777777777777", which QuickBooks could not have sent (an Id is 1 to 31 letters, digits, '-' or '_'); nothing from that answer was stored
customer 3: Not Tried, queued true, requestid kept: yes, qbo_id NULL
  QuickBooks answered Customer with a SyncToken "1; DROP", which QuickBooks could not have sent (a SyncToken is 1 to 18 digits); nothing from that answer was stored
customer 4: Not Tried, queued true, requestid kept: yes, qbo_id NULL
  QuickBooks answered Customer with an Id "5  8", which QuickBooks could not have sent (an Id is 1 to 31 letters, digits, '-' or '_'); nothing from that answer was stored
