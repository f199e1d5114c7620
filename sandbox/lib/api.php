<?php
// /v3/company/{realm}/... : routing to entity operations, query, batch, cdc; body decoding;
// requestid idempotency (per realm, replayed byte for byte); QBO Fault conversion.
declare(strict_types=1);

require_once __DIR__ . '/store.php';
require_once __DIR__ . '/validate.php';
require_once __DIR__ . '/entities.php';
require_once __DIR__ . '/ledger.php';
require_once __DIR__ . '/query.php';
require_once __DIR__ . '/batch.php';
require_once __DIR__ . '/cdc.php';
require_once __DIR__ . '/sendpdf.php';
require_once __DIR__ . '/seed.php';   // sbx_company_create() for everyone

/** A QBO validation/business error raised anywhere below the API layer. */
final class SbxFault extends Exception
{
    public function __construct(public int $status, public string $qcode, public string $qmessage,
                                public string $detail, public string $element = '', public string $type = 'ValidationFault')
    {
        parent::__construct($qcode . ' ' . $detail);
    }

    public function body(): array
    {
        return ['Fault' => sbx_fault_obj($this->qcode, $this->qmessage, $this->detail, $this->element, $this->type)];
    }
}

/** lower-case path segment => entity name */
const SBX_ENTITY_PATHS = [
    'customer' => 'Customer', 'item' => 'Item', 'account' => 'Account', 'paymentmethod' => 'PaymentMethod',
    'taxcode' => 'TaxCode', 'taxrate' => 'TaxRate', 'term' => 'Term', 'invoice' => 'Invoice', 'payment' => 'Payment',
    'creditmemo' => 'CreditMemo', 'refundreceipt' => 'RefundReceipt', 'deposit' => 'Deposit', 'companyinfo' => 'CompanyInfo',
    'preferences' => 'Preferences', 'companycurrency' => 'CompanyCurrency',
];

/** Wraps a handler result [status, body-without-time] into a response triple. */
function sbx_api_respond(array $r): array
{
    [$status, $body] = $r;
    $body['time'] = sbx_time_pacific(sbx_now(), true);
    return sbx_json($status, $body);
}

function sbx_api_unsupported_path(array $req): array
{
    $qs = $req['query'] ? '?' . http_build_query($req['query']) : '';
    return sbx_unsupported('Could not find resource for relative : ' . $req['path']
        . ' of full path: http://' . ($req['headers']['host'] ?? '127.0.0.1') . $req['path'] . $qs);
}

function sbx_api(array $req): array
{
    $segs = explode('/', trim($req['path'], '/'));   // v3, company, realm, ...
    $realm = $req['realm'];
    if ($realm === null || count($segs) < 4) {
        return sbx_api_unsupported_path($req);
    }
    if (!sbx_realm_exists($realm)) {
        return sbx_gateway_fault(403, '3100', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', null, 'SERVICE');
    }
    $rest = array_slice($segs, 3);
    $head = strtolower($rest[0]);
    $m = $req['method'];
    try {
        if ($head === 'query' && count($rest) === 1 && ($m === 'GET' || $m === 'POST')) {
            return sbx_api_respond(sbx_query_request($realm, $req));
        }
        if ($head === 'cdc' && count($rest) === 1 && $m === 'GET') {
            return sbx_api_respond(sbx_cdc($realm, $req['query']));
        }
        if ($head === 'batch' && count($rest) === 1 && $m === 'POST') {
            return sbx_api_write($realm, $req, fn() => sbx_batch($realm, $req), true);
        }
        if ($head === 'exchangerate' && count($rest) === 1 && ($m === 'GET' || $m === 'POST')) {
            return $m === 'GET' ? sbx_api_respond(sbx_exchangerate($realm, $req))
                : sbx_api_write($realm, $req, fn() => sbx_exchangerate($realm, $req));
        }
        $entity = SBX_ENTITY_PATHS[$head] ?? null;
        if ($entity === null) {
            return sbx_api_unsupported_path($req);
        }
        if ($entity === 'Preferences' && count($rest) === 1 && $m === 'GET') {
            return sbx_api_respond(sbx_read($realm, 'Preferences', '1'));
        }
        if ($entity === 'Invoice' && count($rest) === 3 && $rest[2] === 'send' && $m === 'POST') {
            $id = $rest[1];
            return sbx_api_write($realm, $req, fn() => sbx_invoice_send($realm, $id, $req['query']));
        }
        if ($entity === 'Invoice' && count($rest) === 3 && $rest[2] === 'pdf' && $m === 'GET') {
            return sbx_invoice_pdf($realm, $rest[1]);
        }
        if (count($rest) === 2 && $m === 'GET') {
            return sbx_api_respond(sbx_read($realm, $entity, $rest[1]));
        }
        if (count($rest) === 1 && $m === 'POST') {
            return sbx_api_write($realm, $req, fn() => sbx_entity_post($realm, $entity, sbx_decode_body($req['body']), $req['query']));
        }
        return sbx_api_unsupported_path($req);
    } catch (SbxFault $f) {
        return sbx_api_respond([$f->status, $f->body()]);
    }
}

/**
 * Runs a write with requestid idempotency: a (realm, requestid) seen before replays the stored
 * response byte for byte; successful responses are stored in the same transaction as the write.
 * A write is one transaction, a /batch too (its items are savepoints inside it).
 */
function sbx_api_write(string $realm, array $req, callable $fn, bool $batch = false): array
{
    $rid = $req['query']['requestid'] ?? null;
    if (is_array($rid)) {
        $rid = null;
    }
    if ($rid !== null && $rid !== '' && strlen($rid) > 50) {
        throw new SbxFault(400, '6000', 'A business validation error has occurred while processing your request',
            'Business Validation Error: You cannot enter more than 50 characters in the request_id field. You tried entering '
            . $rid . ', which is ' . strlen($rid) . ' characters.');
    }
    $db = sbx_db();
    if ($rid === null || $rid === '') {
        return sbx_api_respond(sbx_tx($db, $fn));
    }
    $lookup = function () use ($db, $realm, $rid) {
        $st = sbx_stmt($db, 'SELECT status, body FROM sbx_requestid WHERE realm = ? AND rid = ?');
        $st->execute([$realm, $rid]);
        $h = $st->fetch();
        $st->closeCursor();
        return $h;
    };
    $hit = $lookup();
    if ($hit !== false) {
        return sbx_json((int)$hit['status'], $hit['body']);
    }
    $store = function (array $resp) use ($db, $realm, $rid) {
        if ($resp[0] >= 200 && $resp[0] < 300) {
            sbx_stmt($db, 'INSERT OR IGNORE INTO sbx_requestid(realm, rid, status, headers, body, at) VALUES(?, ?, ?, ?, ?, ?)')
                ->execute([$realm, $rid, $resp[0], '', $resp[2], sbx_now()]);
        }
        return $resp;
    };
    $fn = $batch ? fn() => sbx_batch($realm, $req, $rid) : $fn;
    return sbx_tx($db, function () use ($lookup, $store, $fn) {
        $h = $lookup();   // a concurrent twin may have finished first
        return $h !== false ? sbx_json((int)$h['status'], $h['body']) : $store(sbx_api_respond($fn()));
    });
}

/** Decodes a JSON request body; non-UTF-8 or malformed JSON -> code 500 Unsupported Operation. */
function sbx_decode_body(string $body): array
{
    if (!preg_match('//u', $body)) {
        $bad = 1;
        for ($i = 0, $n = strlen($body); $i < $n; $i++) {
            if (ord($body[$i]) >= 0x80) {
                $bad = ord($body[$i]) >= 0xF0 ? 4 : (ord($body[$i]) >= 0xE0 ? 3 : (ord($body[$i]) >= 0xC0 ? 2 : 1));
                break;
            }
        }
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Unknown Operation MalformedByteSequenceException: Invalid byte 1 of '
            . $bad . '-byte UTF-8 sequence. is not supported.');
    }
    $d = json_decode($body, true, 64);
    if (!is_array($d) || array_is_list($d) && $d !== []) {
        $why = json_last_error() !== JSON_ERROR_NONE ? json_last_error_msg() : 'a JSON object is expected';
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation com.fasterxml.jackson.core.JsonParseException: '
            . $why . ' is not supported.');
    }
    return $d;
}
