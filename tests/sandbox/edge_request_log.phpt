--TEST--
Gateway: the request log lists method, path, query, status, realm, requestid, duration, with secrets redacted
--FILE--
<?php
require __DIR__ . '/edge_helper.inc';
$realm = edge_realm();
$app = edge_app();
$t = edge_token($realm, $app);
edge_api($realm, $t['access_token'], 'GET', 'companyinfo/' . $realm, null, ['requestid' => 'rid-42']);
$code = edge_code($app, $realm)['code'];
$x = edge_token_call($app, ['grant_type' => 'refresh_token', 'refresh_token' => $t['refresh_token']]);
$q = '/_sandbox/requests?limit=5000&client_id=' . urlencode($app['client_id']);
$mine = sbx_http('GET', $q)['json']['requests'];
foreach ($mine as $e) {
    echo $e['realm'] === $realm ? 'R ' : '- ', $e['method'], ' ', preg_replace('/\d{16,}/', 'REALM', $e['path']), ' ', $e['status'], ' ',
        json_encode($e['query']), ' ', $e['requestid'] ?? '-', ' ', is_float($e['duration_ms']) || is_int($e['duration_ms']) ? 'timed' : '-', "\n";
}
$raw = sbx_http('GET', $q)['raw'];
foreach (['access' => $t['access_token'], 'refresh' => $t['refresh_token'], 'new refresh' => $x['json']['refresh_token'], 'code' => $code] as $n => $s) {
    echo $n, ': ', str_contains($raw, $s) ? 'LEAKED' : 'not in log', "\n";
}
?>
--EXPECTF--
R GET /v3/company/REALM/companyinfo/REALM %d {"requestid":"rid-42","minorversion":"75"} rid-42 timed
R GET /connect/oauth2 302 {"client_id":"%s","scope":"com.intuit.quickbooks.accounting","redirect_uri":"http:\/\/127.0.0.1:9\/cb","response_type":"code","state":"[redacted]","sandbox_auto":"approve","realm":"%d"} - timed
R POST /oauth2/v1/tokens/bearer 200 {"grant_type":"refresh_token"} - timed
access: not in log
refresh: not in log
new refresh: not in log
code: not in log
