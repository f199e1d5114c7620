<?php
// The QBO query language subset: SELECT * | count(*) | fields FROM Entity [WHERE c AND c ...]
// [ORDERBY f [ASC|DESC], ...] [STARTPOSITION n] [MAXRESULTS n]; operators = < > <= >= != IN LIKE.
declare(strict_types=1);

const SBX_NAME_LISTS = ['Customer' => 1, 'Item' => 1, 'Account' => 1, 'PaymentMethod' => 1, 'Term' => 1, 'TaxCode' => 1, 'TaxRate' => 1, 'CompanyCurrency' => 1];

/** Queryable properties per entity (lower-case => canonical). */
function sbx_queryable(string $e): array
{
    $meta = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];
    $f = match ($e) {
        'Customer' => ['DisplayName', 'GivenName', 'FamilyName', 'MiddleName', 'CompanyName', 'PrimaryEmailAddr', 'Active', 'Balance',
            'FullyQualifiedName', 'Job', 'ParentRef', 'Title', 'PrintOnCheckName'],
        'Item' => ['Name', 'Active', 'Type', 'Sku', 'FullyQualifiedName', 'UnitPrice', 'Taxable'],
        'Account' => ['Name', 'Active', 'AccountType', 'AccountSubType', 'Classification', 'AcctNum', 'FullyQualifiedName', 'SubAccount', 'CurrentBalance'],
        'PaymentMethod' => ['Name', 'Active', 'Type'],
        'Term' => ['Name', 'Active', 'DueDays'],
        'TaxCode', 'TaxRate' => ['Name', 'Active'],
        'CompanyCurrency' => ['Code', 'Name', 'Active'],
        'Invoice' => ['DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'Balance', 'TotalAmt'],
        'CreditMemo', 'RefundReceipt' => ['DocNumber', 'TxnDate', 'CustomerRef', 'Balance', 'TotalAmt'],
        'Payment' => ['TxnDate', 'CustomerRef', 'TotalAmt'],
        'Deposit' => ['TxnDate', 'TotalAmt', 'DepositToAccountRef'],
        'CompanyInfo', 'Preferences' => [],
        default => [],
    };
    $r = [];
    foreach (array_merge($meta, $f) as $x) {
        $r[strtolower($x)] = $x;
    }
    return $r;
}

function sbx_qerr_parse(string $detail): SbxFault
{
    return new SbxFault(400, '4000', 'Error parsing query', 'QueryParserError: ' . $detail);
}

function sbx_qerr_valid(string $detail): SbxFault
{
    return new SbxFault(400, '4001', 'Invalid query', 'QueryValidationError: ' . $detail);
}

/** GET ?query= or POST body. */
function sbx_query_request(string $realm, array $req): array
{
    if ($req['method'] === 'POST') {
        $text = $req['body'];
        $ct = strtolower($req['headers']['content-type'] ?? '');
        if (str_starts_with($ct, 'application/x-www-form-urlencoded')) {
            parse_str($text, $form);
            $text = is_string($form['query'] ?? null) ? $form['query'] : '';
        }
        if ($text === '' && is_string($req['query']['query'] ?? null)) {
            $text = $req['query']['query'];
        }
    } else {
        $text = is_string($req['query']['query'] ?? null) ? $req['query']['query'] : '';
    }
    if (!preg_match('//u', $text)) {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Unknown Operation MalformedByteSequenceException: Invalid byte 1 of 1-byte UTF-8 sequence. is not supported.');
    }
    return [200, ['QueryResponse' => sbx_query_run($realm, $text)]];
}

/** Tokens: [type, text, column]; types: id, str, num, op, punct, eof. */
function sbx_query_lex(string $s): array
{
    $toks = [];
    $i = 0;
    $n = strlen($s);
    while ($i < $n) {
        $c = $s[$i];
        if (ctype_space($c)) {
            $i++;
            continue;
        }
        $col = $i + 1;
        if ($c === "'") {
            $v = '';
            $i++;
            while (true) {
                if ($i >= $n) {
                    throw sbx_qerr_parse('Lexical error at line 1, column ' . ($n + 1) . '.  Encountered: <EOF> after : "\'' . $v . '"');
                }
                if ($s[$i] === '\\' && $i + 1 < $n) {
                    $v .= $s[$i + 1];
                    $i += 2;
                    continue;
                }
                if ($s[$i] === "'") {
                    $i++;
                    break;
                }
                $v .= $s[$i++];
            }
            $toks[] = ['str', $v, $col];
            continue;
        }
        if (preg_match('/\G(?:<=|>=|!=|<>|=|<|>)/', $s, $m, 0, $i)) {
            $toks[] = ['op', $m[0], $col];
            $i += strlen($m[0]);
            continue;
        }
        if (preg_match('/\G-?\d+(?:\.\d+)?/', $s, $m, 0, $i)) {
            $toks[] = ['num', $m[0], $col];
            $i += strlen($m[0]);
            continue;
        }
        if (preg_match('/\G[A-Za-z_][A-Za-z0-9_.]*/', $s, $m, 0, $i)) {
            $toks[] = ['id', $m[0], $col];
            $i += strlen($m[0]);
            continue;
        }
        if (strpos('(),*', $c) !== false) {
            $toks[] = ['punct', $c, $col];
            $i++;
            continue;
        }
        throw sbx_qerr_parse('Lexical error at line 1, column ' . $col . '.  Encountered: "' . $c . '" (' . ord($c) . '), after : ""');
    }
    $toks[] = ['eof', '', $n + 1];
    return $toks;
}

/** Parses a statement into [select, entity, conds, order, start, max]. */
function sbx_query_parse(string $text): array
{
    if (trim($text) === '') {
        throw sbx_qerr_parse('The query provided was empty');
    }
    $t = sbx_query_lex($text);
    $p = 0;
    $kw = fn(int $i, string $w) => $t[$i][0] === 'id' && strcasecmp($t[$i][1], $w) === 0;
    $fail = function (string ...$expected) use (&$t, &$p) {
        $tok = $t[$p];
        $kind = match ($tok[0]) { 'id' => '<IDENTIFIER>', 'str' => '<STRING>', 'num' => '<INTEGER>', 'eof' => '<EOF>', default => '"' . $tok[1] . '"' };
        $shown = $tok[0] === 'eof' ? '<EOF>' : $kind . ' "' . $tok[1] . ' "';
        return sbx_qerr_parse('Encountered " ' . $shown . '" at line 1, column ' . $tok[2] . '. Was expecting one of: '
            . implode(' ', array_map(fn($x) => str_starts_with($x, '<') ? $x : '"' . $x . '"', $expected)));
    };
    if (!$kw($p, 'select')) {
        throw $fail('select');
    }
    $p++;
    $select = [];
    if ($t[$p][0] === 'punct' && $t[$p][1] === '*') {
        $select = '*';
        $p++;
    } elseif ($kw($p, 'count') && $t[$p + 1][1] === '(' && $t[$p + 2][1] === '*' && $t[$p + 3][1] === ')') {
        $select = 'count';
        $p += 4;
    } else {
        while (true) {
            if ($t[$p][0] !== 'id' || $kw($p, 'from')) {
                throw $fail('*', 'count', '<IDENTIFIER>');
            }
            $select[] = $t[$p++][1];
            if ($t[$p][1] === ',' && $t[$p][0] === 'punct') {
                $p++;
                continue;
            }
            break;
        }
    }
    if (!$kw($p, 'from')) {
        throw $fail('from', ',');
    }
    $p++;
    if ($t[$p][0] !== 'id') {
        throw $fail('<IDENTIFIER>');
    }
    $entity = $t[$p++][1];
    $conds = [];
    if ($kw($p, 'where')) {
        $p++;
        while (true) {
            if ($t[$p][0] !== 'id') {
                throw $fail('<IDENTIFIER>');
            }
            $field = $t[$p++][1];
            $not = false;
            if ($kw($p, 'not') && ($kw($p + 1, 'in') || $kw($p + 1, 'like'))) {
                $not = true;
                $p++;
            }
            if ($t[$p][0] === 'op') {
                $op = $t[$p++][1];
                $conds[] = [$field, $op === '<>' ? '!=' : $op, sbx_query_value($t, $p, $fail)];
            } elseif ($kw($p, 'in')) {
                $p++;
                if ($t[$p][1] !== '(' || $t[$p][0] !== 'punct') {
                    throw $fail('(');
                }
                $p++;
                $vals = [];
                while (true) {
                    $vals[] = sbx_query_value($t, $p, $fail);
                    if ($t[$p][0] === 'punct' && $t[$p][1] === ',') {
                        $p++;
                        continue;
                    }
                    if ($t[$p][0] === 'punct' && $t[$p][1] === ')') {
                        $p++;
                        break;
                    }
                    throw $fail(',', ')');
                }
                $conds[] = [$field, $not ? 'notin' : 'in', $vals];
            } elseif ($kw($p, 'like')) {
                $p++;
                if ($t[$p][0] !== 'str') {
                    throw $fail('<STRING>');
                }
                $conds[] = [$field, $not ? 'notlike' : 'like', $t[$p++][1]];
            } else {
                throw $fail('=', '<', '>', '<=', '>=', '!=', 'in', 'like');
            }
            if ($kw($p, 'and')) {
                $p++;
                continue;
            }
            break;
        }
    }
    $order = [];
    if ($kw($p, 'orderby') || ($kw($p, 'order') && $kw($p + 1, 'by'))) {
        $p += $kw($p, 'orderby') ? 1 : 2;
        while (true) {
            if ($t[$p][0] !== 'id') {
                throw $fail('<IDENTIFIER>');
            }
            $f = $t[$p++][1];
            $dir = 'asc';
            if ($kw($p, 'asc') || $kw($p, 'desc')) {
                $dir = strtolower($t[$p++][1]);
            }
            $order[] = [$f, $dir];
            if ($t[$p][0] === 'punct' && $t[$p][1] === ',') {
                $p++;
                continue;
            }
            break;
        }
    }
    $start = null;
    $max = null;
    while ($kw($p, 'startposition') || $kw($p, 'maxresults')) {
        $which = strtolower($t[$p++][1]);
        if ($t[$p][0] !== 'num' || !ctype_digit($t[$p][1])) {
            throw $fail('<INTEGER>');
        }
        $v = (int)$t[$p++][1];
        if ($which === 'startposition') {
            $start = $v;
        } else {
            $max = $v;
        }
    }
    if ($t[$p][0] !== 'eof') {
        $exp = ['<EOF>'];
        if ($order === [] && $start === null && $max === null) {
            array_push($exp, 'and', 'orderby', 'startposition', 'maxresults');
        } else {
            array_push($exp, 'startposition', 'maxresults');
        }
        throw $fail(...$exp);
    }
    return [$select, $entity, $conds, $order, $start, $max];
}

function sbx_query_value(array $t, int &$p, callable $fail)
{
    $tok = $t[$p];
    if ($tok[0] === 'str') {
        $p++;
        return $tok[1];
    }
    if ($tok[0] === 'num') {
        $p++;
        return $tok[1];
    }
    if ($tok[0] === 'id' && in_array(strtolower($tok[1]), ['true', 'false'], true)) {
        $p++;
        return strtolower($tok[1]) === 'true';
    }
    throw $fail('<STRING>', '<INTEGER>', 'true', 'false');
}

/** Value of a queryable property of a stored row, normalised for comparison. */
function sbx_query_field(array $row, string $f)
{
    $o = $row['obj'];
    switch ($f) {
        case 'Id':
            return (string)$o['Id'];
        case 'MetaData.CreateTime':
            return (float)$row['created'];
        case 'MetaData.LastUpdatedTime':
            return (float)$row['updated'];
        case 'PrimaryEmailAddr':
            return $o['PrimaryEmailAddr']['Address'] ?? null;
        case 'CustomerRef':
        case 'ParentRef':
            return isset($o[$f]['value']) ? (string)$o[$f]['value'] : null;
        case 'Balance':
            if ($row['entity'] === 'Customer') {
                return (int)$row['bal'];
            }
            return isset($o['Balance']) ? sbx_cents($o['Balance']) : null;
        case 'TotalAmt':
        case 'UnitPrice':
        case 'CurrentBalance':
            return isset($o[$f]) ? sbx_cents($o[$f]) : null;
        case 'Active':
            return $row['status'] !== 'inactive';
    }
    $v = $o[$f] ?? null;
    return is_array($v) ? ($v['value'] ?? null) : $v;
}

/** Converts a literal to the comparable form of property $f. */
function sbx_query_literal(string $f, $v)
{
    switch ($f) {
        case 'MetaData.CreateTime':
        case 'MetaData.LastUpdatedTime':
            $ts = is_string($v) ? sbx_parse_time($v) : null;
            if ($ts === null) {
                throw sbx_qerr_valid('invalid date/time value ' . json_encode($v) . ' for ' . $f);
            }
            return $ts;
        case 'Balance':
        case 'TotalAmt':
        case 'UnitPrice':
        case 'CurrentBalance':
            if (!is_numeric($v)) {
                throw sbx_qerr_valid('invalid numeric value ' . json_encode($v) . ' for ' . $f);
            }
            return sbx_cents_str((string)$v);
        case 'Active':
        case 'Taxable':
        case 'Job':
        case 'SubAccount':
            if (is_bool($v)) {
                return $v;
            }
            if (is_string($v) && in_array(strtolower($v), ['true', 'false'], true)) {
                return strtolower($v) === 'true';
            }
            throw sbx_qerr_valid('invalid boolean value ' . json_encode($v) . ' for ' . $f);
    }
    return is_bool($v) ? ($v ? 'true' : 'false') : (string)$v;
}

/** Date (Pacific midnight) or ISO datetime with offset -> unix time. */
function sbx_parse_time(string $v): ?float
{
    if (preg_match('/^\d{4}-\d{2}-\d{2}$/', $v)) {
        $d = DateTime::createFromFormat('!Y-m-d', $v, sbx_tz());
        return $d ? (float)$d->getTimestamp() : null;
    }
    if (!preg_match('/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/', $v)) {
        return null;
    }
    try {
        $d = new DateTime($v, sbx_tz());
    } catch (Exception $e) {
        return null;
    }
    return (float)$d->format('U.u');
}

/**
 * SQL that narrows the rows a query must decode, from its '=' and 'in'
 * conditions on Id, a name (Customer.DisplayName, Item.Name) or DocNumber,
 * and its 'in' lists of customer email addresses (plain ASCII ones, by the
 * index sbx_entity_email). It only ever
 * keeps a superset of the matches: every condition is still checked on the
 * decoded row. Without it, a lookup by name decodes every row of the entity
 * and a company with thousands of customers answers in tens of milliseconds.
 */
function sbx_query_prefilter(string $entity, array $filters): array
{
    $sql = '';
    $params = [];
    foreach ($filters as [$f, $op, $v]) {
        if ($op === 'in' && is_array($v) && $v !== [] && count(array_filter($v, 'is_string')) === count($v)) {
            // the same narrowing for a list (the pipeline's packed lookups): indexed
            // columns first; rows are still compared exactly below
            $digits = count(array_filter($v, 'ctype_digit'));
            $marks = implode(', ', array_fill(0, count($v), '?'));
            if ($f === 'Id' && $digits === count($v)) {
                $sql .= " AND CAST(id AS INTEGER) IN ($marks)";
                array_push($params, ...array_map('intval', $v));
            } elseif ($digits > 0) {
                continue;   /* digit strings compare as numbers: no narrowing */
            } elseif (($f === 'DisplayName' && $entity === 'Customer') || ($f === 'Name' && $entity === 'Item')) {
                $sql .= " AND (namekey IN ($marks) OR namekey IS NULL)";
                array_push($params, ...array_map('sbx_namekey', $v));
            } elseif ($f === 'DocNumber') {
                $sql .= " AND (doc COLLATE NOCASE IN ($marks) OR doc IS NULL)";
                array_push($params, ...$v);
            } elseif ($f === 'PrimaryEmailAddr' && $entity === 'Customer'
                    && count(array_filter($v, fn($x) => (bool)preg_match('/^[A-Za-z0-9@._+-]+$/', $x))) === count($v)) {
                // the expression of the index sbx_entity_email (ASCII case folded, as the comparison does)
                $sql .= " AND iif(json_valid(data), lower(json_extract(data, '$.PrimaryEmailAddr.Address')), NULL) IN ($marks)";
                array_push($params, ...array_map('strtolower', $v));
            }
            continue;
        }
        if ($op !== '=' || !is_string($v)) {
            continue;
        }
        if ($f === 'Id' && ctype_digit($v)) {
            $sql .= ' AND CAST(id AS INTEGER) = ?';
            $params[] = (int)$v;
        } elseif (ctype_digit($v)) {
            continue;   /* digit strings compare as numbers ("007" = "7"): no narrowing */
        } elseif (($f === 'DisplayName' && $entity === 'Customer') || ($f === 'Name' && $entity === 'Item')) {
            $sql .= ' AND (namekey = ? OR namekey IS NULL)';
            $params[] = sbx_namekey($v);
        } elseif ($f === 'DocNumber') {
            $sql .= ' AND (doc = ? COLLATE NOCASE OR doc IS NULL)';
            $params[] = $v;
        }
    }
    return [$sql, $params];
}

function sbx_query_cmp($a, $b): int
{
    if ($a === null || $b === null) {
        return $a === $b ? 0 : ($a === null ? -1 : 1);
    }
    if (is_string($a) && is_string($b)) {
        if (ctype_digit($a) && ctype_digit($b)) {
            return (int)$a <=> (int)$b;
        }
        return strcasecmp($a, $b) <=> 0;
    }
    return $a <=> $b;
}

function sbx_query_like(?string $v, string $pattern): bool
{
    if ($v === null) {
        return false;
    }
    $re = '';
    foreach (preg_split('/(%|_)/', $pattern, -1, PREG_SPLIT_DELIM_CAPTURE) as $part) {
        $re .= $part === '%' ? '.*' : ($part === '_' ? '.' : preg_quote($part, '/'));
    }
    return (bool)preg_match('/^' . $re . '$/isu', $v);
}

/** Runs a statement; returns the QueryResponse object. */
function sbx_query_run(string $realm, string $text): array|stdClass
{
    [$select, $entityIn, $conds, $order, $start, $max] = sbx_query_parse($text);
    $entity = null;
    foreach (SBX_ENTITY_PATHS as $lc => $name) {
        if (strcasecmp($lc, $entityIn) === 0) {
            $entity = $name;
        }
    }
    if ($entity === null) {
        throw sbx_qerr_valid('Unsupported entity ' . $entityIn . ' in query');
    }
    $qf = sbx_queryable($entity);
    $canon = function (string $f) use ($qf) {
        $k = strtolower($f);
        if (!isset($qf[$k])) {
            throw sbx_qerr_valid('property \'' . $f . '\' is not queryable');
        }
        return $qf[$k];
    };
    $filters = [];
    $activeGiven = false;
    foreach ($conds as [$f, $op, $v]) {
        $cf = $canon($f);
        $activeGiven = $activeGiven || $cf === 'Active';
        if ($op === 'in' || $op === 'notin') {
            $v = array_map(fn($x) => sbx_query_literal($cf, $x), $v);
        } elseif ($op === 'like' || $op === 'notlike') {
            $v = (string)$v;
        } else {
            $v = sbx_query_literal($cf, $v);
        }
        $filters[] = [$cf, $op, $v];
    }
    $orders = array_map(fn($o) => [$canon($o[0]), $o[1]], $order);
    if ($max !== null && $max > 1000) {
        throw sbx_qerr_valid('value ' . $max . ' is too large. Max allowed value is 1000');
    }
    if ($start !== null && $start < 1) {
        throw sbx_qerr_valid('value ' . $start . ' is too small. Min allowed value is 1');
    }
    $start ??= 1;
    $max ??= 100;
    if (!$activeGiven && isset(SBX_NAME_LISTS[$entity])) {
        $filters[] = ['Active', '=', true];
    }
    $db = sbx_db();
    [$narrow, $params] = sbx_query_prefilter($entity, $filters);
    $st = $db->prepare("SELECT entity, id, status, bal, created, updated, data FROM sbx_entity
        WHERE realm = ? AND entity = ? AND status != 'deleted'" . $narrow);
    $st->execute(array_merge([$realm, $entity], $params));
    $rows = [];
    foreach ($st as $r) {
        $r['obj'] = sbx_fix_empty(json_decode($r['data'], true));
        unset($r['data']);
        foreach ($filters as [$f, $op, $v]) {
            $x = sbx_query_field($r, $f);
            $ok = match ($op) {
                '=' => sbx_query_cmp($x, $v) === 0 && $x !== null,
                '!=' => sbx_query_cmp($x, $v) !== 0,
                '<' => $x !== null && sbx_query_cmp($x, $v) < 0,
                '>' => $x !== null && sbx_query_cmp($x, $v) > 0,
                '<=' => $x !== null && sbx_query_cmp($x, $v) <= 0,
                '>=' => $x !== null && sbx_query_cmp($x, $v) >= 0,
                'in' => $x !== null && array_filter($v, fn($y) => sbx_query_cmp($x, $y) === 0) !== [],
                'notin' => array_filter($v, fn($y) => sbx_query_cmp($x, $y) === 0) === [],
                'like' => sbx_query_like(is_scalar($x) ? (string)$x : null, $v),
                'notlike' => !sbx_query_like(is_scalar($x) ? (string)$x : null, $v),
            };
            if (!$ok) {
                continue 2;
            }
        }
        $rows[] = $r;
    }
    if ($select === 'count') {
        return ['totalCount' => count($rows)];
    }
    $orders[] = ['Id', 'asc'];
    usort($rows, function ($a, $b) use ($orders) {
        foreach ($orders as [$f, $dir]) {
            $c = sbx_query_cmp(sbx_query_field($a, $f), sbx_query_field($b, $f));
            if ($c !== 0) {
                return $dir === 'desc' ? -$c : $c;
            }
        }
        return 0;
    });
    $page = array_slice($rows, $start - 1, $max);
    if ($page === []) {
        return new stdClass();   // QBO: {"QueryResponse":{}}
    }
    $out = [];
    foreach ($page as $r) {
        $o = sbx_out($entity, $r['obj'], (int)$r['bal']);
        if (is_array($select)) {
            $proj = [];
            foreach ($select as $f) {
                foreach ($o as $k => $v) {
                    if (strcasecmp($k, $f) === 0) {
                        $proj[$k] = $v;
                    }
                }
            }
            $o = $proj + ['Id' => $o['Id'], 'domain' => 'QBO', 'sparse' => true];
        }
        $out[] = $o;
    }
    return [$entity => $out, 'startPosition' => $start, 'maxResults' => count($out)];
}
