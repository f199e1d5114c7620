--TEST--
Gateway: drop "after" commits the write but the client gets no answer; replaying the requestid returns the one created object
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$t = edge_token($realm)['access_token'];
edge_fault(['realm' => $realm, 'kind' => 'drop', 'when' => 'after', 'path' => '/v3/company/*/customer', 'method' => 'POST']);
$rid = 'rid-' . bin2hex(random_bytes(8));
$name = 'Dropped ' . bin2hex(random_bytes(4));
$r = edge_api($realm, $t, 'POST', 'customer', ['DisplayName' => $name], ['requestid' => $rid]);
echo $r['errno'], ' ', $r['status'], "\n";
$again = edge_api($realm, $t, 'POST', 'customer', ['DisplayName' => $name], ['requestid' => $rid]);
echo $again['errno'], ' ', $again['status'], ' ', $again['json']['Customer']['DisplayName'] === $name ? 'same customer' : 'other', "\n";
$q = edge_api($realm, $t, 'GET', 'query', null, ['query' => "select * from Customer where DisplayName = '" . $name . "'"]);
echo count($q['json']['QueryResponse']['Customer'] ?? []), " customer with that name\n";
echo edge_log(['realm' => $realm])[0]['fault'], "\n";
?>
--EXPECT--
52 0
0 200 same customer
1 customer with that name
drop:after
