<?php
// Front controller of the local QBO sandbox (php -S 127.0.0.1:PORT sandbox/router.php):
// builds the request, lets the gateway check/limit it, dispatches, lets the gateway post-process, emits.
declare(strict_types=1);

require_once __DIR__ . '/lib/common.php';
foreach (['oauth', 'edge', 'webhooks', 'control'] as $sbx_f) {   // the gateway's files, when present
    if (is_file(__DIR__ . '/lib/' . $sbx_f . '.php')) {
        require_once __DIR__ . '/lib/' . $sbx_f . '.php';
    }
}
require_once __DIR__ . '/lib/api.php';
require_once __DIR__ . '/lib/admin.php';

function sbx_build_request(): array
{
    $uri = $_SERVER['REQUEST_URI'] ?? '/';
    $qpos = strpos($uri, '?');
    $path = rawurldecode($qpos === false ? $uri : substr($uri, 0, $qpos));
    $query = [];
    if ($qpos !== false) {
        parse_str(substr($uri, $qpos + 1), $query);
    }
    $headers = [];
    foreach (getallheaders() as $k => $v) {
        $headers[strtolower($k)] = $v;
    }
    $realm = null;
    if (preg_match('#^/v3/company/([^/]+)#', $path, $m)) {
        $realm = $m[1];
    }
    return [
        'method' => strtoupper($_SERVER['REQUEST_METHOD'] ?? 'GET'),
        'path' => $path,
        'query' => $query,
        'headers' => $headers,
        'body' => (string)file_get_contents('php://input'),
        'realm' => $realm,
        'id' => sbx_request_id(),
    ];
}

function sbx_dispatch(array $req): array
{
    $p = $req['path'];
    if ($p === '/_sandbox/companies' || $p === '/_sandbox/reset' || $p === '/_sandbox/ledger'
        || str_starts_with($p, '/_sandbox/ledger/') || str_starts_with($p, '/_sandbox/requestids/')) {
        return sbx_control_data($req);
    }
    if (str_starts_with($p, '/_sandbox/') || str_starts_with($p, '/connect/oauth2')
        || str_starts_with($p, '/oauth2/v1/tokens/bearer') || str_starts_with($p, '/v2/oauth2/tokens/revoke')
        || str_starts_with($p, '/.well-known/') || str_starts_with($p, '/v1/openid_connect/userinfo')) {
        if (function_exists('sbx_edge_dispatch')) {
            return sbx_edge_dispatch($req);
        }
        return sbx_json(404, ['error' => 'not_found', 'path' => $p]);
    }
    if (str_starts_with($p, '/v3/company/') || $p === '/v3/company') {
        return sbx_api($req);
    }
    return sbx_json(404, ['error' => 'not_found', 'path' => $p]);
}

function sbx_emit(array $resp): void
{
    [$status, $headers, $body] = $resp;
    header_remove('X-Powered-By');
    http_response_code($status);
    foreach ($headers as $k => $v) {
        header($k . ': ' . $v);
    }
    echo $body;
}

$sbx_req = sbx_build_request();
try {
    $sbx_resp = function_exists('sbx_edge_before') ? sbx_edge_before($sbx_req) : null;
    if ($sbx_resp === null) {
        $sbx_resp = sbx_dispatch($sbx_req);
    }
    if (function_exists('sbx_edge_after')) {
        $sbx_after = sbx_edge_after($sbx_req, $sbx_resp);
        if (is_array($sbx_after)) {
            $sbx_resp = $sbx_after;
        }
    }
} catch (Throwable $e) {
    error_log('sandbox: ' . $e);
    $sbx_resp = sbx_fault(500, '10000', 'An application error has occurred while processing your request',
        'System Failure Error: ' . $e->getMessage(), '', 'SystemFault');
}
sbx_emit($sbx_resp);
return true;
