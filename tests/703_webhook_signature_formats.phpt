--TEST--
qbo_webhook: the sandbox's signed notifications in both formats (legacy eventNotifications and CloudEvents) accepted; a replay, and the same change in the other format, counted as duplicates; a wrong signature or a changed body refused with an AuthException and nothing stored; another company's notifications left alone; the stored events become pull work qbo_sync performs
--FILE--
<?php
require __DIR__ . '/engine.inc';
// an app of its own, so that its webhook settings meet no other test
$app = qbo_test_http('POST', '/_sandbox/apps', ['name' => 'webhook test ' . bin2hex(random_bytes(3))])['json'];
[$conn, $realm, $options] = qbo_test_connect(['client_id' => $app['client_id'], 'client_secret' => $app['client_secret'],
    'webhook_verifier' => $app['verifier_token']]);

function sandbox_delivery(array $app, string $realm, string $format, callable $change): array
{
    qbo_test_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
    qbo_test_http('POST', '/_sandbox/webhooks', ['url' => 'http://127.0.0.1:9/hook', 'format' => $format, 'app' => $app['client_id']]);
    $change();
    qbo_test_http('POST', '/_sandbox/webhooks/flush');
    $d = qbo_test_http('GET', '/_sandbox/webhooks/deliveries?' . http_build_query(['app' => $app['client_id'], 'realm' => $realm]))['json']['deliveries'];
    return end($d);
}

$legacy = sandbox_delivery($app, $realm, 'legacy', fn() => qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Hooked Legacy']));
echo "legacy body: ", substr($legacy['body'], 0, 22), "\n";
$r = qbo_webhook($conn, $legacy['body'], $legacy['signature']);
echo "accepted ", $r['accepted'], " duplicates ", $r['duplicates'], " ", json_encode(array_map(fn($e) => [$e['entity'], $e['operation'], $e['realm'] === $realm], $r['events'])), "\n";
$r = qbo_webhook($conn, $legacy['body'], $legacy['signature']);
echo "replayed: accepted ", $r['accepted'], " duplicates ", $r['duplicates'], "\n";

$ce = sandbox_delivery($app, $realm, 'cloudevents', fn() => qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Hooked Cloud']));
echo "cloudevents body: ", substr($ce['body'], 0, 20), "\n";
$r = qbo_webhook($conn, $ce['body'], $ce['signature']);
echo "accepted ", $r['accepted'], " duplicates ", $r['duplicates'], " ", $r['events'][0]['entity'], " ", $r['events'][0]['operation'], "\n";

// the legacy change again, as a CloudEvent: the same change, so a duplicate
$ev = json_decode($legacy['body'], true)['eventNotifications'][0]['dataChangeEvent']['entities'][0];
$same = json_encode([['specversion' => '1.0', 'id' => 'x-1', 'source' => 'intuit.test', 'type' => 'qbo.customer.created.v1',
    'time' => substr($ev['lastUpdated'], 0, -1) . '000000Z', 'intuitentityid' => $ev['id'], 'intuitaccountid' => $realm, 'data' => new stdClass()]]);
$r = qbo_webhook($conn, $same, base64_encode(hash_hmac('sha256', $same, $app['verifier_token'], true)));
echo "other format: accepted ", $r['accepted'], " duplicates ", $r['duplicates'], "\n";

// refused: a signature of another key, a body changed after signing, no signature
foreach ([[$legacy['body'], base64_encode(hash_hmac('sha256', $legacy['body'], 'not-the-verifier', true))],
          [str_replace('Create', 'Delete', $legacy['body']), $legacy['signature']],
          [$legacy['body'], '']] as [$b, $s]) {
    try { qbo_webhook($conn, $b, $s); echo "accepted?\n"; } catch (QboSync\AuthException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
// a signed body that is neither format
$junk = '{"hello":1}';
try { qbo_webhook($conn, $junk, base64_encode(hash_hmac('sha256', $junk, $app['verifier_token'], true))); }
catch (QboSync\ValidationException $e) { echo get_class($e), ": ", substr($e->getMessage(), 0, 70), "\n"; }
// another company's notification
$other = json_encode(['eventNotifications' => [['realmId' => '999', 'dataChangeEvent' => ['entities' => [
    ['name' => 'Customer', 'id' => '1', 'operation' => 'Update', 'lastUpdated' => '2026-11-01T00:00:00.000Z']]]]]]);
$r = qbo_webhook($conn, $other, base64_encode(hash_hmac('sha256', $other, $app['verifier_token'], true)));
echo "other realm: accepted ", $r['accepted'], " other_realms ", $r['other_realms'], "\n";

$rows = qbo_test_store_rows($options['store'], 'SELECT entity, operation, status FROM qbo_event ORDER BY id');
echo "stored: ", json_encode($rows), "\n";
$ev = qbo_events($conn);
echo "events: ", count($ev), " newest first: ", $ev[0]['id'] > $ev[1]['id'] ? 'yes' : 'no', " status ", $ev[0]['status'], "\n";
qbo_sync($conn);
foreach (array_reverse(qbo_events($conn, ['entity' => 'Customer'])) as $e) {
    echo "after sync: ", $e['status'], " ", $e['document']['display_name'], " local ", json_encode($e['local']), "\n";
}
echo "since_id: ", count(qbo_events($conn, ['since_id' => $ev[0]['id']])), " limit: ", count(qbo_events($conn, ['limit' => 1])), "\n";
qbo_test_http('DELETE', '/_sandbox/webhooks', ['app' => $app['client_id']]);
?>
--EXPECT--
legacy body: {"eventNotifications":
accepted 1 duplicates 0 [["Customer","Create",true]]
replayed: accepted 0 duplicates 1
cloudevents body: [{"specversion":"1.0
accepted 1 duplicates 0 Customer Create
other format: accepted 0 duplicates 1
QboSync\AuthException: webhook signature does not match: check webhook_verifier
QboSync\AuthException: webhook signature does not match: check webhook_verifier
QboSync\AuthException: webhook signature does not match: check webhook_verifier
QboSync\ValidationException: The webhook body is neither QuickBooks' eventNotifications nor a Cloud
other realm: accepted 0 other_realms 1
stored: [{"entity":"Customer","operation":"Create","status":"pending"},{"entity":"Customer","operation":"Create","status":"pending"}]
events: 2 newest first: yes status pending
after sync: done Hooked Legacy local null
after sync: done Hooked Cloud local null
since_id: 0 limit: 1
