--TEST--
Transport: names with an apostrophe and a backslash survive QBO's query syntax: a second store finds and links the customer instead of duplicating it
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
$doc = ['id' => '5', 'email' => "ob-$tag@example.com", 'company' => "O'Brien \\ Sons $tag"];
$a = qbo_push($conn, 'customer', $doc);
var_dump($a['state']);
$rows = tr_qbo_customers($realm, "O'Brien \\ Sons $tag");
var_dump(count($rows), $rows[0]['DisplayName'] === "O'Brien \\ Sons $tag", $rows[0]['Id'] === $a['qbo_id']);

// another installation (fresh store) pushes the same customer: it must look it up by name
// (a query with the name quoted) and link to it, not create "O'Brien \ Sons (5)"
[$conn2] = qbo_test_connect(['delivery' => 'inline'], $realm);
$b = qbo_push($conn2, 'customer', $doc);
var_dump($b['state'], $b['qbo_id'] === $a['qbo_id']);
var_dump(count(tr_qbo_customers($realm, "O'Brien \\ Sons $tag")), count(tr_qbo_customers($realm, "O'Brien \\ Sons $tag (5)")));
// the lookups went out as valid queries: no query parse error (4000) for this company
$bad = array_filter(tr_requests($realm, '/v3/company/%/query'), fn($r) => $r['status'] !== 200);
var_dump(count($bad));
?>
--EXPECT--
string(6) "Synced"
int(1)
bool(true)
bool(true)
string(6) "Synced"
bool(true)
int(1)
int(0)
int(0)
