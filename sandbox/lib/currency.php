<?php
// Multicurrency of a sandbox company: per-currency decimals (the minor unit every money field of
// a request is counted in), the company currency list (CompanyCurrency), exchange rates
// (/exchangerate, table sbx_rate), the currency of customers and transactions with its faults,
// and the home-currency amounts (HomeTotalAmt, HomeBalance) of foreign transactions.
declare(strict_types=1);

/** ISO 4217 minor units that are not 2 (the ones a billing system meets). */
const SBX_CURRENCY_DECIMALS = ['JPY' => 0, 'KRW' => 0, 'CLP' => 0, 'ISK' => 0, 'VND' => 0, 'XAF' => 0, 'XOF' => 0,
    'BHD' => 3, 'KWD' => 3, 'OMR' => 3, 'JOD' => 3, 'TND' => 3, 'IQD' => 3, 'LYD' => 3];

/** Market rates seeded in a multicurrency company: US dollars per unit (cross rates derive from them). */
const SBX_USD_PER_UNIT = ['USD' => '1', 'EUR' => '1.08', 'GBP' => '1.27', 'CAD' => '0.73', 'AUD' => '0.66', 'INR' => '0.012',
    'JPY' => '0.0067', 'BHD' => '2.65', 'CHF' => '1.13', 'KWD' => '3.25'];

function sbx_currency_decimals(string $code): int
{
    return SBX_CURRENCY_DECIMALS[strtoupper($code)] ?? 2;
}

/** Sets the decimals money of this request is counted in (sbx_cents / sbx_money); returns the old ones. */
function sbx_money_decimals(?int $dec = null): int
{
    static $cur = 2;
    $old = $cur;
    if ($dec !== null) {
        $cur = $dec;
    }
    return $old;
}

/** Counts money in the minor unit of the currency of $obj (its CurrencyRef, else the home currency). */
function sbx_money_scope(string $realm, ?array $obj): void
{
    $code = is_array($obj['CurrencyRef'] ?? null) ? (string)($obj['CurrencyRef']['value'] ?? '') : '';
    sbx_money_decimals(sbx_currency_decimals($code !== '' ? $code : sbx_company_row($realm)['currency']));
}

/** Is multicurrency on (Preferences.CurrencyPrefs.MultiCurrencyEnabled)? */
function sbx_multicurrency(string $realm): bool
{
    return (bool)sbx_pref($realm, 'CurrencyPrefs.MultiCurrencyEnabled');
}

function sbx_currency_name(string $code): string
{
    static $more = ['JPY' => 'Japanese Yen', 'BHD' => 'Bahraini Dinar', 'CHF' => 'Swiss Franc', 'KWD' => 'Kuwaiti Dinar',
        'KRW' => 'South Korean Won', 'OMR' => 'Omani Rial', 'JOD' => 'Jordanian Dinar', 'SEK' => 'Swedish Krona',
        'NOK' => 'Norwegian Krone', 'DKK' => 'Danish Krone', 'NZD' => 'New Zealand Dollar', 'MXN' => 'Mexican Peso'];
    return SBX_CURRENCY_NAMES[$code] ?? $more[$code] ?? $code;
}

/** The company's CompanyCurrency row of a code (any status), or null. */
function sbx_company_currency(string $realm, string $code): ?array
{
    $st = sbx_stmt(sbx_db(), "SELECT id FROM sbx_entity WHERE realm = ? AND entity = 'CompanyCurrency' AND namekey = ?");
    $st->execute([$realm, strtolower($code)]);
    $id = $st->fetchColumn();
    $st->closeCursor();
    return $id === false ? null : sbx_ent_row(sbx_db(), $realm, 'CompanyCurrency', (string)$id);
}

/** Adds a currency to the company's list (what QBO does for a customer created in a new currency). */
function sbx_company_currency_add(string $realm, string $code, float $now): array
{
    $db = sbx_db();
    $obj = sbx_stamp_new(['Code' => $code, 'Name' => sbx_currency_name($code), 'Active' => true],
        sbx_new_id($db, $realm, 'CompanyCurrency'), $now);
    sbx_ent_write($db, $realm, 'CompanyCurrency', $obj, 'active', 'Create', $now, strtolower($code));
    return ['obj' => $obj, 'status' => 'active'];
}

/** CompanyCurrency create/update: Code is an ISO code, unique; Name is QBO's; Active may be switched. */
function sbx_build_company_currency(string $realm, array $in, ?array $cur): array
{
    if (!sbx_multicurrency($realm)) {
        throw sbx_err_business('Multi Currency should be enabled to perform this operation', 'Code');
    }
    $code = $in['Code'] ?? null;
    if (!is_string($code) || $code === '') {
        throw sbx_err_required('Code');
    }
    $code = strtoupper($code);
    if (!preg_match('/^[A-Z]{3}$/', $code)) {
        throw sbx_err_value('Code', $in['Code']);
    }
    if ($cur !== null && $code !== $cur['obj']['Code']) {
        throw sbx_err_business('The Code of a company currency cannot change.', 'Code');
    }
    if ($code === sbx_company_row($realm)['currency']) {
        throw sbx_err_business('The home currency ' . $code . ' is not part of the company currency list.', 'Code');
    }
    $other = sbx_company_currency($realm, $code);
    if ($cur === null && $other !== null) {
        throw new SbxFault(400, '6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : ' . $code . ' is already in the currency list.');
    }
    $active = $in['Active'];
    return [['Code' => $code, 'Name' => sbx_currency_name($code), 'Active' => $active], $active ? 'active' : 'inactive', strtolower($code)];
}

/** A foreign currency the company can use now: multicurrency on and the code active in its list. */
function sbx_currency_usable(string $realm, string $code, string $path, bool $addMissing, float $now): void
{
    if (!preg_match('/^[A-Z]{3}$/', $code)) {
        throw sbx_err_invalid_ref($path);
    }
    $row = sbx_company_currency($realm, $code);
    if ($row === null && $addMissing) {
        $row = sbx_company_currency_add($realm, $code, $now);
    }
    if ($row === null) {
        throw sbx_err_business('The currency ' . $code . ' is not in the company\'s currency list. Add it under Currencies before you use it.', $path);
    }
    if ($row['status'] !== 'active') {
        throw sbx_err_business('The currency ' . $code . ' is inactive in the company\'s currency list.', $path);
    }
}

/** Home-currency reference; a different currency needs multicurrency on (6000 otherwise). */
function sbx_currency_ref(string $realm, $given): array
{
    $home = sbx_company_row($realm)['currency'];
    if ($given !== null) {
        $v = is_array($given) ? ($given['value'] ?? null) : null;
        if (!is_string($v) || strtoupper($v) !== $home) {
            throw sbx_err_business(sbx_multicurrency($realm)
                ? 'CurrencyRef must be the home currency ' . $home . ' here.'
                : 'Multi Currency should be enabled to perform this operation (multicurrency is off; CurrencyRef must be the home currency ' . $home . ').',
                'CurrencyRef');
        }
    }
    return ['value' => $home, 'name' => sbx_currency_name($home)];
}

function sbx_currency_code($given, string $path): string
{
    $v = is_array($given) ? ($given['value'] ?? null) : null;
    if (!is_string($v) || $v === '') {
        throw sbx_err_value($path, $given);
    }
    return strtoupper($v);
}

/**
 * A customer's CurrencyRef: omitted = home on create, unchanged on update; a new currency is added
 * to the company list; it cannot change once the customer has transactions.
 */
function sbx_customer_currency(string $realm, $given, ?array $cur): array
{
    $home = sbx_company_row($realm)['currency'];
    $had = $cur === null ? null : (string)($cur['obj']['CurrencyRef']['value'] ?? $home);
    if (!sbx_multicurrency($realm)) {
        return sbx_currency_ref($realm, $given);
    }
    $code = $given === null ? ($had ?? $home) : sbx_currency_code($given, 'CurrencyRef');
    if ($had !== null && $code !== $had) {
        $st = sbx_db()->prepare("SELECT 1 FROM sbx_entity WHERE realm = ? AND entity IN ('Invoice', 'Payment', 'CreditMemo', 'RefundReceipt')
            AND status != 'deleted' AND json_extract(data, '$.CustomerRef.value') = ? LIMIT 1");
        $st->execute([$realm, (string)$cur['obj']['Id']]);
        if ($st->fetchColumn() !== false) {
            throw sbx_err_business('You can\'t change the currency of a customer that has transactions (' . $had . ').', 'CurrencyRef');
        }
    }
    if ($code !== $home) {
        sbx_currency_usable($realm, $code, 'CurrencyRef', true, sbx_now());
    }
    return ['value' => $code, 'name' => sbx_currency_name($code)];
}

/**
 * The currency of a transaction of customer $cust: [CurrencyRef, ExchangeRate or null]. Also sets
 * the decimals the request's money is counted in. Multicurrency off: home only (6000). On: the
 * customer's currency (another one: 6000 "one foreign currency"), foreign ones need an
 * ExchangeRate (2410) and an active company currency.
 */
function sbx_txn_currency(string $realm, array $in, ?array $cust): array
{
    $home = sbx_company_row($realm)['currency'];
    if (!sbx_multicurrency($realm)) {
        $ref = sbx_currency_ref($realm, $in['CurrencyRef'] ?? null);
        sbx_money_decimals(sbx_currency_decimals($home));
        return [$ref, null];
    }
    $custCode = $cust === null ? $home : (string)($cust['CurrencyRef']['value'] ?? $home);
    $code = isset($in['CurrencyRef']) ? sbx_currency_code($in['CurrencyRef'], 'CurrencyRef') : $custCode;
    if ($code !== $custCode) {
        throw sbx_err_business('You can only use one foreign currency per transaction. (The customer is in ' . $custCode
            . ', the transaction in ' . $code . '.)', 'CurrencyRef');
    }
    sbx_money_decimals(sbx_currency_decimals($code));
    $ref = ['value' => $code, 'name' => sbx_currency_name($code)];
    if ($code === $home) {
        return [$ref, 1];
    }
    sbx_currency_usable($realm, $code, 'CurrencyRef', false, sbx_now());
    $rate = $in['ExchangeRate'] ?? null;
    if ($rate === null) {
        throw new SbxFault(400, '2410', 'Curreny, ExchangeRate is missing.',
            'The currency and exchange rate are required for transaction in foreign currency.', 'ExchangeRate');
    }
    if (!(is_int($rate) || is_float($rate) || (is_string($rate) && is_numeric($rate))) || (float)$rate <= 0) {
        throw sbx_err_value('ExchangeRate', $rate);
    }
    return [$ref, is_string($rate) ? $rate + 0 : $rate];
}

/** Minor units of $code in a JSON amount (float/int/string), rounded half away from zero. */
function sbx_units($v, int $dec): int
{
    $old = sbx_money_decimals($dec);
    $u = sbx_cents($v);
    sbx_money_decimals($old);
    return $u;
}

/** round_half_up($units of $dec decimals x $rate) in minor units of $homeDec decimals. */
function sbx_to_home(int $units, int $dec, $rate, int $homeDec): int
{
    $ri = (int)round((float)$rate * 1000000);        // 6 decimals, as QBO keeps rates
    $num = $units * $ri;
    $den = 1000000 * 10 ** $dec;
    $scale = 10 ** $homeDec;
    if ($ri !== 0 && (intdiv($num, $ri) !== $units || abs($num) > PHP_INT_MAX / ($scale * 2))) {
        return (int)round($units / 10 ** $dec * (float)$rate * $scale);
    }
    $num *= $scale;
    $q = intdiv(abs($num) * 2 + $den, 2 * $den);
    return $num < 0 ? -$q : $q;
}

/** HomeTotalAmt / HomeBalance of a foreign-currency transaction of a multicurrency company. */
function sbx_home_amounts(string $realm, string $e, array $obj): array
{
    if (!in_array($e, ['Invoice', 'CreditMemo', 'RefundReceipt', 'Deposit'], true) || !isset($obj['ExchangeRate'])
        || !sbx_multicurrency($realm)) {
        return $obj;
    }
    $code = (string)($obj['CurrencyRef']['value'] ?? sbx_company_row($realm)['currency']);
    $dec = sbx_currency_decimals($code);
    $hd = sbx_currency_decimals(sbx_company_row($realm)['currency']);
    $home = fn($v) => sbx_to_home(sbx_units($v ?? 0, $dec), $dec, $obj['ExchangeRate'], $hd) / 10 ** $hd;
    $obj['HomeTotalAmt'] = (float)$home($obj['TotalAmt'] ?? 0);
    if ($e !== 'Deposit') {
        $obj['HomeBalance'] = (float)$home($obj['Balance'] ?? 0);
    }
    return $obj;
}

/** Seeds a multicurrency company's list (the given codes) and rates (as of 2020-01-01). */
function sbx_currency_seed(PDO $db, string $realm, string $home, array $codes, float $now): void
{
    foreach ($codes as $c) {
        $c = strtoupper((string)$c);
        if ($c === $home || !preg_match('/^[A-Z]{3}$/', $c)) {
            continue;
        }
        $obj = sbx_stamp_new(['Code' => $c, 'Name' => sbx_currency_name($c), 'Active' => true], sbx_new_id($db, $realm, 'CompanyCurrency'), $now);
        sbx_ent_write($db, $realm, 'CompanyCurrency', $obj, 'active', 'Create', $now, strtolower($c));
    }
    foreach (SBX_USD_PER_UNIT as $c => $usd) {
        if ($c === $home || !isset(SBX_USD_PER_UNIT[$home])) {
            continue;
        }
        $rate = round((float)$usd / (float)SBX_USD_PER_UNIT[$home], 6);
        $db->prepare('INSERT OR REPLACE INTO sbx_rate(realm, source, asof, rate, updated) VALUES(?, ?, ?, ?, ?)')
            ->execute([$realm, $c, '2020-01-01', (string)$rate, $now]);
    }
}

/** The latest rate of $code on or before $date, or null. */
function sbx_rate_find(string $realm, string $code, string $date): ?array
{
    $st = sbx_stmt(sbx_db(), 'SELECT source, asof, rate, updated FROM sbx_rate WHERE realm = ? AND source = ? AND asof <= ? ORDER BY asof DESC LIMIT 1');
    $st->execute([$realm, $code, $date]);
    $r = $st->fetch();
    $st->closeCursor();
    return $r === false ? null : $r;
}

function sbx_rate_out(string $realm, array $r, int $sync = 0): array
{
    return ['SyncToken' => (string)$sync, 'domain' => 'QBO', 'AsOfDate' => $r['asof'], 'SourceCurrencyCode' => $r['source'],
        'Rate' => (float)$r['rate'], 'sparse' => false, 'TargetCurrencyCode' => sbx_company_row($realm)['currency'],
        'MetaData' => ['LastUpdatedTime' => sbx_time_pacific((float)$r['updated'])]];
}

/** GET /exchangerate?sourcecurrencycode=&asofdate= (latest on or before; none: no ExchangeRate) and POST (upsert). */
function sbx_exchangerate(string $realm, array $req): array
{
    if (!sbx_multicurrency($realm)) {
        throw sbx_err_business('Multi Currency should be enabled to perform this operation');
    }
    $home = sbx_company_row($realm)['currency'];
    if ($req['method'] === 'GET') {
        $q = array_change_key_case($req['query'], CASE_LOWER);
        $src = strtoupper(is_string($q['sourcecurrencycode'] ?? null) ? $q['sourcecurrencycode'] : '');
        if ($src === '') {
            throw sbx_err_required('SourceCurrencyCode');
        }
        $date = is_string($q['asofdate'] ?? null) ? sbx_date_in($q['asofdate'], 'AsOfDate') : sbx_date_pacific(sbx_now());
        if ($src === $home) {
            return [200, ['ExchangeRate' => sbx_rate_out($realm, ['source' => $src, 'asof' => $date, 'rate' => '1', 'updated' => sbx_now()])]];
        }
        $r = sbx_rate_find($realm, $src, $date);
        return [200, $r === null ? [] : ['ExchangeRate' => sbx_rate_out($realm, $r)]];
    }
    $in = sbx_decode_body($req['body']);
    foreach (['SourceCurrencyCode', 'Rate', 'AsOfDate'] as $f) {
        if (!isset($in[$f])) {
            throw sbx_err_required($f);
        }
    }
    $src = strtoupper((string)$in['SourceCurrencyCode']);
    if (isset($in['TargetCurrencyCode']) && strtoupper((string)$in['TargetCurrencyCode']) !== $home) {
        throw sbx_err_business('TargetCurrencyCode must be the home currency ' . $home . '.', 'TargetCurrencyCode');
    }
    if ($src === $home) {
        throw sbx_err_business('The source currency cannot be the home currency ' . $home . '.', 'SourceCurrencyCode');
    }
    sbx_currency_usable($realm, $src, 'SourceCurrencyCode', false, sbx_now());
    $rate = sbx_num_in($in['Rate'], 'Rate');
    if ($rate <= 0) {
        throw sbx_err_value('Rate', $in['Rate']);
    }
    $date = sbx_date_in($in['AsOfDate'], 'AsOfDate');
    $now = sbx_now();
    $db = sbx_db();
    $st = $db->prepare('SELECT 1 FROM sbx_rate WHERE realm = ? AND source = ? AND asof = ?');
    $st->execute([$realm, $src, $date]);
    $had = $st->fetchColumn() !== false;
    $st->closeCursor();
    $db->prepare('INSERT OR REPLACE INTO sbx_rate(realm, source, asof, rate, updated) VALUES(?, ?, ?, ?, ?)')
        ->execute([$realm, $src, $date, (string)round((float)$rate, 6), $now]);
    return [200, ['ExchangeRate' => sbx_rate_out($realm, sbx_rate_find($realm, $src, $date), $had ? 1 : 0)]];
}

/**
 * The ledger per currency of a company (for /_sandbox/ledger/{realm}): invoiced, open receivables,
 * payments, credits and refunds, each in the currency and in home currency (at each
 * transaction's own rate).
 */
function sbx_currency_ledger(string $realm): array
{
    $home = sbx_company_row($realm)['currency'];
    $hd = sbx_currency_decimals($home);
    $out = [];
    $st = sbx_db()->prepare("SELECT entity, data FROM sbx_entity WHERE realm = ? AND entity IN ('Invoice', 'Payment', 'CreditMemo', 'RefundReceipt') AND status = 'active'");
    $st->execute([$realm]);
    foreach ($st as $r) {
        $o = json_decode($r['data'], true);
        $code = (string)($o['CurrencyRef']['value'] ?? $home);
        $dec = sbx_currency_decimals($code);
        $rate = $o['ExchangeRate'] ?? 1;
        $row = &$out[$code];
        $row ??= ['currency' => $code, 'decimals' => $dec, 'invoiced' => 0, 'open' => 0, 'payments' => 0, 'unapplied' => 0,
            'credits' => 0, 'refunds' => 0, 'invoiced_home' => 0, 'open_home' => 0, 'payments_home' => 0, 'credits_home' => 0,
            'refunds_home' => 0];
        $add = function (string $k, $v) use (&$row, $dec, $rate, $hd) {
            $u = sbx_units($v ?? 0, $dec);
            $row[$k] += $u;
            if (isset($row[$k . '_home'])) {
                $row[$k . '_home'] += sbx_to_home($u, $dec, $rate, $hd);
            }
        };
        match ($r['entity']) {
            'Invoice' => [$add('invoiced', $o['TotalAmt'] ?? 0), $add('open', $o['Balance'] ?? 0)],
            'Payment' => [$add('payments', $o['TotalAmt'] ?? 0), $add('unapplied', $o['UnappliedAmt'] ?? 0)],
            'CreditMemo' => $add('credits', $o['TotalAmt'] ?? 0),
            'RefundReceipt' => $add('refunds', $o['TotalAmt'] ?? 0),
        };
        unset($row);
    }
    ksort($out);
    foreach ($out as $code => $row) {
        foreach ($row as $k => $v) {
            if (!in_array($k, ['currency', 'decimals'], true)) {
                $out[$code][$k] = str_ends_with($k, '_home') ? $v / 10 ** $hd : $v / 10 ** $row['decimals'];
            }
        }
    }
    return array_values($out);
}
