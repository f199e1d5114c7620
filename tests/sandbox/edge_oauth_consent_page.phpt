--TEST--
Gateway: GET /connect/oauth2 shows a consent page listing the companies with Connect and Cancel
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app(['name' => 'Consent Test App']);
$q = http_build_query(['client_id' => $app['client_id'], 'scope' => 'com.intuit.quickbooks.accounting openid',
    'redirect_uri' => 'http://localhost:8123/callback', 'response_type' => 'code', 'state' => 'abc123']);
$r = sbx_http('GET', '/connect/oauth2?' . $q);
echo $r['status'], ' ', $r['headers']['content-type'], "\n";
$doc = new DOMDocument();
@$doc->loadHTML($r['raw']);
$x = new DOMXPath($doc);
echo trim($x->query('//h1')->item(0)->textContent), "\n";
$form = $x->query('//form')->item(0);
echo $form->getAttribute('method'), ' ', $form->getAttribute('action'), "\n";
$realms = [];
foreach ($x->query('//input[@name="realm"]') as $in) {
    $realms[] = $in->getAttribute('value');
}
echo in_array($realm, $realms, true) ? 'lists the new company' : 'company missing', "\n";
echo in_array('9341453100000001', $realms, true) ? 'lists the seeded company' : 'seeded missing', "\n";
foreach ($x->query('//button') as $b) {
    echo $b->getAttribute('value'), '=', trim($b->textContent), "\n";
}
foreach (['state', 'redirect_uri', 'scope'] as $n) {
    echo $n, '=', $x->query('//input[@name="' . $n . '"]')->item(0)->getAttribute('value'), "\n";
}
?>
--EXPECT--
200 text/html;charset=UTF-8
Connect Consent Test App to QuickBooks
post /connect/oauth2
lists the new company
lists the seeded company
connect=Connect
cancel=Cancel
state=abc123
redirect_uri=http://localhost:8123/callback
scope=com.intuit.quickbooks.accounting openid
