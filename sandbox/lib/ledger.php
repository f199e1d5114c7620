<?php
// Transactions and their ledger effects: Invoice, CreditMemo, RefundReceipt, Payment.
// Totals, tax (US combined-rate TxnTaxCodeRef; non-US per-line TaxCodeRef + GlobalTaxCalculation),
// balances, payment application (invoice Balance + LinkedTxn), delete, void. Money in integer cents.
declare(strict_types=1);

const SBX_LINE_FIELDS = ['Id' => 1, 'LineNum' => 1, 'Description' => 1, 'Amount' => 1, 'DetailType' => 1,
    'SalesItemLineDetail' => 1, 'DescriptionLineDetail' => 1, 'DiscountLineDetail' => 1, 'SubTotalLineDetail' => 1,
    'LinkedTxn' => 1, 'CustomField' => 1, 'ProjectRef' => 1, 'LineEx' => 1, 'DepositLineDetail' => 1];

/** cents * percent / 100, rounded half away from zero, exact for rates with up to 4 decimals. */
function sbx_pct(int $cents, float $pct): int
{
    $num = $cents * (int)round($pct * 10000);
    $den = 1000000;
    $q = intdiv(abs($num) * 2 + $den, 2 * $den);
    return $num < 0 ? -$q : $q;
}

/** A decimal product q*p in minor units, rounded half away from zero (via 10-digit decimal strings). */
function sbx_mul_cents(float $q, float $p): int
{
    $scale = 1000000;   // 6 decimals each
    $qi = (int)round($q * $scale);
    $pi = (int)round($p * $scale);
    $prod = $qi * $pi;  // scaled by 1e12, in units; fits for realistic sizes
    if (abs($prod) > PHP_INT_MAX / 4 || ($qi !== 0 && intdiv($prod, $qi) !== $pi)) {
        return (int)round($q * $p * 10 ** sbx_money_decimals());
    }
    $den = intdiv(1000000000000, 10 ** sbx_money_decimals()); // 1e12 / minor units per unit
    $r = intdiv(abs($prod) * 2 + $den, 2 * $den);
    return $prod < 0 ? -$r : $r;
}

function sbx_add_days(string $date, int $days): string
{
    return (new DateTimeImmutable($date . 'T00:00:00'))->modify(($days >= 0 ? '+' : '') . $days . ' days')->format('Y-m-d');
}

/** Contribution of a transaction to its customer's open balance (cents). */
function sbx_contrib(string $e, ?array $obj, string $status): array
{
    if ($obj === null || $status === 'deleted' || !isset($obj['CustomerRef']['value'])) {
        return ['', 0];
    }
    $c = match ($e) {
        'Invoice' => sbx_cents($obj['Balance'] ?? 0),
        'CreditMemo' => -sbx_cents($obj['Balance'] ?? 0),
        'Payment' => -sbx_cents($obj['UnappliedAmt'] ?? 0),
        default => 0,
    };
    return [(string)$obj['CustomerRef']['value'], $c];
}

/** Writes a transaction version and keeps the customer's derived balance in step. */
function sbx_txn_write(string $realm, string $e, array &$obj, string $status, string $op, float $now, ?array $cur): void
{
    $db = sbx_db();
    sbx_money_scope($realm, $obj);
    $obj = sbx_home_amounts($realm, $e, $obj);
    [$oc, $ov] = $cur === null ? ['', 0] : sbx_contrib($e, $cur['obj'], $cur['status']);
    [$nc, $nv] = sbx_contrib($e, $obj, $status);
    if ($oc !== '') {
        sbx_ent_bal_add($db, $realm, 'Customer', $oc, -$ov);
    }
    if ($nc !== '') {
        sbx_ent_bal_add($db, $realm, 'Customer', $nc, $nv);
    }
    sbx_ent_write($db, $realm, $e, $obj, $status, $op, $now, null,
        isset($obj['DocNumber']) && $obj['DocNumber'] !== '' ? (string)$obj['DocNumber'] : null);
}

function sbx_pref(string $realm, string $path)
{
    static $p = [];
    if (!isset($p[$realm])) {
        $p[$realm] = sbx_ent_row(sbx_db(), $realm, 'Preferences', '1')['obj'] ?? [];
    }
    $v = $p[$realm];
    foreach (explode('.', $path) as $k) {
        $v = is_array($v) ? ($v[$k] ?? null) : null;
    }
    return $v;
}

/** Default Undeposited Funds account of a realm. */
function sbx_undeposited(string $realm): array
{
    $st = sbx_stmt(sbx_db(), "SELECT id FROM sbx_entity WHERE realm = ? AND entity = 'Account' AND status = 'active'
        AND json_extract(data, '$.AccountSubType') = 'UndepositedFunds' ORDER BY CAST(id AS INTEGER) LIMIT 1");
    $st->execute([$realm]);
    $id = $st->fetchColumn();
    $st->closeCursor();
    if ($id === false) {
        throw sbx_err_business('No Undeposited Funds account exists; give DepositToAccountRef.', 'DepositToAccountRef');
    }
    return sbx_ref_out(sbx_ent_row(sbx_db(), $realm, 'Account', (string)$id));
}

function sbx_deposit_account(string $realm, $ref, string $path): array
{
    $row = sbx_ref($realm, 'Account', $ref, $path);
    if (!in_array($row['obj']['AccountType'], ['Bank', 'Other Current Asset'], true)) {
        throw sbx_err_business('Invalid account type: ' . $path . ' must be a Bank or Other Current Asset account.', $path);
    }
    return sbx_ref_out($row);
}

/** Create or update (full, or sparse already merged) of a transaction. */
function sbx_txn_save(string $realm, string $e, array $in, ?array $cur, array $q, float $now, string $op): array
{
    if ($e === 'Payment') {
        return sbx_payment_save($realm, $in, $cur, $now, $op);
    }
    if ($e === 'Deposit') {
        return sbx_deposit_save($realm, $in, $cur, $now, $op);
    }
    $db = sbx_db();
    $country = sbx_company_country($realm);
    if (!isset($in['CustomerRef'])) {
        throw sbx_err_required('CustomerRef');
    }
    $custRow = sbx_ref($realm, 'Customer', $in['CustomerRef'], 'CustomerRef');
    $cust = $custRow['obj'];
    if ($cur !== null && sbx_has_payment_links($cur['obj'])
        && (string)$cust['Id'] !== (string)($cur['obj']['CustomerRef']['value'] ?? '')) {
        throw sbx_err_business('The customer of this ' . $e . ' cannot change while payments are linked to it.', 'CustomerRef');
    }
    $in['CustomerRef'] = sbx_ref_out($custRow, 'DisplayName');
    [$curRef, $xrate] = sbx_txn_currency($realm, $in, $cust);   // also counts money in its minor unit
    if (!isset($in['Line']) || !is_array($in['Line'])) {
        throw sbx_err_required('Line');
    }
    $lines = array_values(array_filter($in['Line'], fn($l) => !is_array($l) || ($l['DetailType'] ?? '') !== 'SubTotalLineDetail'));
    if ($lines === []) {
        throw sbx_err_required('Line');
    }
    if (count($lines) > 750) {
        throw sbx_err_business('A transaction can have at most 750 lines.', 'Line');
    }
    // tax mode
    $gtc = null;
    if ($country === 'US') {
        if (isset($in['GlobalTaxCalculation'])) {
            throw sbx_err_business('GlobalTaxCalculation is not supported for a US company; use TxnTaxDetail.TxnTaxCodeRef.', 'GlobalTaxCalculation');
        }
    } else {
        if (!isset($in['GlobalTaxCalculation'])) {
            throw sbx_err_required('GlobalTaxCalculation');
        }
        $gtc = $in['GlobalTaxCalculation'];
        if (!in_array($gtc, ['TaxExcluded', 'TaxInclusive', 'NotApplicable'], true)) {
            throw sbx_err_value('GlobalTaxCalculation', $gtc);
        }
    }
    $out = [];
    $sub = 0;
    $buckets = [];      // tax code id => base cents
    $discount = null;
    $itemLines = 0;
    $taxedLines = 0;
    foreach ($lines as $i => $l) {
        if (!is_array($l)) {
            throw sbx_err_value('Line', $l);
        }
        foreach ($l as $k => $_) {
            if (!isset(SBX_LINE_FIELDS[$k])) {
                throw sbx_err_property('Line', (string)$k);
            }
        }
        if (!isset($l['DetailType'])) {
            throw sbx_err_required('Line.DetailType');
        }
        sbx_check_len($l, 'Description', 4000);
        $ol = ['Id' => (string)($i + 1), 'LineNum' => $i + 1];
        if (isset($l['Description'])) {
            $ol['Description'] = (string)$l['Description'];
        }
        switch ($l['DetailType']) {
            case 'SalesItemLineDetail':
                $itemLines++;
                $d = $l['SalesItemLineDetail'] ?? [];
                if (!is_array($d)) {
                    throw sbx_err_value('Line.SalesItemLineDetail', $d);
                }
                if (!isset($l['Amount'])) {
                    throw sbx_err_required('Line.Amount');
                }
                $amt = sbx_money_in($l['Amount'], 'Line.Amount');
                if (!isset($d['ItemRef'])) {
                    throw sbx_err_required('Line.SalesItemLineDetail.ItemRef');
                }
                $itemRow = sbx_ref($realm, 'Item', $d['ItemRef'], 'Line.SalesItemLineDetail.ItemRef');
                $item = $itemRow['obj'];
                $hasQ = isset($d['Qty']);
                $hasP = isset($d['UnitPrice']);
                if ($hasQ && $hasP) {
                    $qty = sbx_num_in($d['Qty'], 'Line.SalesItemLineDetail.Qty');
                    $price = sbx_num_in($d['UnitPrice'], 'Line.SalesItemLineDetail.UnitPrice');
                    $expect = sbx_mul_cents($qty, $price);
                    if ($expect !== $amt) {
                        throw sbx_err_business('Amount is not equal to UnitPrice * Qty. Supplied value:' . sbx_money($amt), 'Line.Amount');
                    }
                } elseif ($hasQ) {
                    $qty = sbx_num_in($d['Qty'], 'Line.SalesItemLineDetail.Qty');
                    $price = $qty != 0 ? round($amt / 10 ** sbx_money_decimals() / $qty, 6) : 0.0;
                } elseif ($hasP) {
                    $price = sbx_num_in($d['UnitPrice'], 'Line.SalesItemLineDetail.UnitPrice');
                    $qty = $price != 0 ? round($amt / 10 ** sbx_money_decimals() / $price, 6) : 0.0;
                } else {
                    $qty = 1;
                    $price = $amt / 10 ** sbx_money_decimals();
                }
                $od = ['ItemRef' => sbx_ref_out($itemRow)];
                if (isset($d['ServiceDate'])) {
                    $od['ServiceDate'] = sbx_date_in($d['ServiceDate'], 'Line.SalesItemLineDetail.ServiceDate');
                }
                foreach (['ClassRef', 'DiscountRate', 'DiscountAmt', 'TaxInclusiveAmt', 'MarkupInfo'] as $k) {
                    if (isset($d[$k])) {
                        $od[$k] = $d[$k];
                    }
                }
                $od['UnitPrice'] = $price;
                $od['Qty'] = $qty;
                if (isset($item['IncomeAccountRef'])) {
                    $od['ItemAccountRef'] = $item['IncomeAccountRef'];
                }
                if ($country === 'US') {
                    $tc = $d['TaxCodeRef']['value'] ?? (($item['Taxable'] ?? false) ? 'TAX' : 'NON');
                    if ($tc !== 'TAX' && $tc !== 'NON') {
                        throw sbx_err_invalid_ref('Line.SalesItemLineDetail.TaxCodeRef');
                    }
                    $od['TaxCodeRef'] = ['value' => $tc];
                    if ($tc === 'TAX') {
                        $taxedLines++;
                        $buckets['TAX'] = ($buckets['TAX'] ?? 0) + $amt;
                    }
                } elseif ($gtc !== 'NotApplicable') {
                    if (!isset($d['TaxCodeRef'])) {
                        throw sbx_err_business('Make sure all your transactions have a ' . ($country === 'CA' ? 'GST/HST' : ($country === 'GB' ? 'VAT' : 'tax'))
                            . ' rate before you save.', 'Line.SalesItemLineDetail.TaxCodeRef');
                    }
                    $tcRow = sbx_ref($realm, 'TaxCode', $d['TaxCodeRef'], 'Line.SalesItemLineDetail.TaxCodeRef');
                    $od['TaxCodeRef'] = ['value' => (string)$tcRow['obj']['Id']];
                    $buckets[(string)$tcRow['obj']['Id']] = ($buckets[(string)$tcRow['obj']['Id']] ?? 0) + $amt;
                    $taxedLines++;
                }
                $ol['Amount'] = sbx_money($amt);
                $ol['DetailType'] = 'SalesItemLineDetail';
                $ol['SalesItemLineDetail'] = $od;
                $sub += $amt;
                break;
            case 'DescriptionOnly':
                $ol['DetailType'] = 'DescriptionOnly';
                $ol['DescriptionLineDetail'] = is_array($l['DescriptionLineDetail'] ?? null) ? $l['DescriptionLineDetail'] : new stdClass();
                if (isset($l['Amount'])) {
                    $ol['Amount'] = sbx_money(sbx_money_in($l['Amount'], 'Line.Amount'));
                }
                break;
            case 'DiscountLineDetail':
                if ($discount !== null) {
                    throw sbx_err_business('Only one discount line is allowed per transaction.', 'Line');
                }
                $d = is_array($l['DiscountLineDetail'] ?? null) ? $l['DiscountLineDetail'] : [];
                $discount = ['i' => count($out), 'd' => $d, 'amt' => isset($l['Amount']) ? sbx_money_in($l['Amount'], 'Line.Amount') : 0];
                $ol['DetailType'] = 'DiscountLineDetail';
                $ol['DiscountLineDetail'] = $d;
                break;
            default:
                throw sbx_err_value('Line.DetailType', $l['DetailType']);
        }
        $out[] = $ol;
    }
    if ($e === 'RefundReceipt' && $itemLines === 0) {
        throw sbx_err_business('A refund receipt must have at least one item line.', 'Line');
    }
    $disc = 0;
    if ($discount !== null) {
        $d = $discount['d'];
        if (!empty($d['PercentBased']) && isset($d['DiscountPercent'])) {
            $disc = sbx_pct($sub, sbx_num_in($d['DiscountPercent'], 'Line.DiscountLineDetail.DiscountPercent'));
        } else {
            $disc = $discount['amt'];
        }
        $out[$discount['i']]['Amount'] = sbx_money($disc);
    }
    // tax
    $taxLines = [];
    $tax = 0;
    $txd = is_array($in['TxnTaxDetail'] ?? null) ? $in['TxnTaxDetail'] : [];
    $taxOut = [];
    $ratesOf = function (array $codeRow) use ($realm) {
        $rs = [];
        foreach ($codeRow['obj']['SalesTaxRateList']['TaxRateDetail'] ?? [] as $det) {
            $r = sbx_ent_row(sbx_db(), $realm, 'TaxRate', (string)$det['TaxRateRef']['value']);
            if ($r !== null) {
                $rs[] = [(string)$r['obj']['Id'], (float)$r['obj']['RateValue']];
            }
        }
        return $rs;
    };
    if ($country === 'US') {
        if (isset($txd['TxnTaxCodeRef'])) {
            $codeRow = sbx_ref($realm, 'TaxCode', $txd['TxnTaxCodeRef'], 'TxnTaxDetail.TxnTaxCodeRef');
            $rates = $ratesOf($codeRow);
            if ($rates === []) {
                throw sbx_err_invalid_ref('TxnTaxDetail.TxnTaxCodeRef');
            }
            $taxOut['TxnTaxCodeRef'] = ['value' => (string)$codeRow['obj']['Id']];
            $base = $buckets['TAX'] ?? 0;
            foreach ($rates as [$rid, $rv]) {
                $t = sbx_pct($base, $rv);
                $tax += $t;
                $taxLines[] = ['Amount' => sbx_money($t), 'DetailType' => 'TaxLineDetail', 'TaxLineDetail' => [
                    'TaxRateRef' => ['value' => $rid], 'PercentBased' => true, 'TaxPercent' => $rv, 'NetAmountTaxable' => sbx_money($base)]];
            }
        }
    } elseif ($gtc !== 'NotApplicable') {
        foreach ($buckets as $codeId => $base) {
            $rates = $ratesOf(sbx_ent_row($db, $realm, 'TaxCode', (string)$codeId));
            $sumRate = array_sum(array_column($rates, 1));
            $net = $base;
            if ($gtc === 'TaxInclusive' && $sumRate > 0) {
                $net = (int)round($base * 100 / (100 + $sumRate));
            }
            $left = $base - $net;
            foreach ($rates as $j => [$rid, $rv]) {
                if ($gtc === 'TaxInclusive') {
                    $t = $j === count($rates) - 1 ? $left : ($sumRate > 0 ? (int)round(($base - $net) * $rv / $sumRate) : 0);
                    $left -= $t;
                } else {
                    $t = sbx_pct($net, $rv);
                }
                $tax += $t;
                $taxLines[] = ['Amount' => sbx_money($t), 'DetailType' => 'TaxLineDetail', 'TaxLineDetail' => [
                    'TaxRateRef' => ['value' => $rid], 'PercentBased' => true, 'TaxPercent' => $rv, 'NetAmountTaxable' => sbx_money($net)]];
            }
        }
    }
    // An explicit TxnTaxDetail.TotalTax is honoured (MONEY.md §5, LIKELY) when it differs from the
    // computed tax only by per-line rounding: at most half a cent per taxed line (rounded up);
    // the last tax line of a non-zero rate absorbs it (a 0 % rate never carries tax; with
    // TaxInclusive the cent moves between the line's tax and its net, the gross stays).
    if (isset($txd['TotalTax']) && $taxLines !== []) {
        $given = sbx_money_in($txd['TotalTax'], 'TxnTaxDetail.TotalTax');
        $d = $given - $tax;
        $last = null;
        foreach ($taxLines as $j => $tl) {
            if ((float)$tl['TaxLineDetail']['TaxPercent'] != 0.0) {
                $last = $j;
            }
        }
        if ($d !== 0 && $last !== null && abs($d) <= intdiv($taxedLines + 1, 2)) {
            $taxLines[$last]['Amount'] = sbx_money(sbx_cents($taxLines[$last]['Amount']) + $d);
            if ($gtc === 'TaxInclusive') {
                $det = &$taxLines[$last]['TaxLineDetail'];
                $det['NetAmountTaxable'] = sbx_money(sbx_cents($det['NetAmountTaxable']) - $d);
                unset($det);
            }
            $tax = $given;
        }
    }
    $taxOut['TotalTax'] = sbx_money($tax);
    if ($taxLines !== []) {
        $taxOut['TaxLine'] = $taxLines;
    }
    $total = $sub - $disc + ($gtc === 'TaxInclusive' ? 0 : $tax);
    if ($total < 0) {
        throw sbx_err_business('The transaction total cannot be negative.', 'Line');
    }
    $out[] = ['Amount' => sbx_money($sub), 'DetailType' => 'SubTotalLineDetail', 'SubTotalLineDetail' => new stdClass()];

    // dates and numbers
    $txnDate = isset($in['TxnDate']) ? sbx_date_in($in['TxnDate'], 'TxnDate') : sbx_date_pacific($now);
    $doc = $in['DocNumber'] ?? null;
    if ($doc !== null && !is_string($doc)) {
        $doc = is_int($doc) ? (string)$doc : throw sbx_err_value('DocNumber', $doc);
    }
    if (($doc === null || $doc === '') && $cur !== null && isset($cur['obj']['DocNumber'])) {
        $doc = (string)$cur['obj']['DocNumber'];
    }
    $curId = $cur === null ? null : (string)$cur['obj']['Id'];
    if ($doc !== null && $doc !== '') {
        if (ctype_digit($doc) && strlen($doc) < 16 && ($cur === null || $doc !== (string)($cur['obj']['DocNumber'] ?? ''))) {
            // QBO numbers the next document "last number + 1"
            sbx_stmt($db, "INSERT INTO sbx_seq(realm, name, next) VALUES(?, ?, ?)
                ON CONFLICT(realm, name) DO UPDATE SET next = MAX(next, excluded.next)")->execute([$realm, 'doc:' . $e, (int)$doc]);
        }
        $allowDup = str_contains(strtolower((string)($q['include'] ?? '')), 'allowduplicatedocnum');
        if (!$allowDup && ($cur === null || $doc !== (string)($cur['obj']['DocNumber'] ?? ''))) {
            $st = sbx_stmt($db, "SELECT id FROM sbx_entity WHERE realm = ? AND entity = ? AND doc = ? AND status != 'deleted' AND id != ? LIMIT 1");
            $st->execute([$realm, $e, $doc, $curId ?? '']);
            $other = $st->fetchColumn();
            $st->closeCursor();
            if ($other !== false) {
                throw new SbxFault(400, '6140', 'Duplicate Document Number Error',
                    'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber='
                    . $doc . ' is assigned to TxnType=' . $e . ' with TxnId=' . $other, 'DocNumber');
            }
        }
    } elseif (!sbx_pref($realm, 'SalesFormsPrefs.CustomTxnNumbers')) {
        $st = sbx_stmt($db, "SELECT 1 FROM sbx_entity WHERE realm = ? AND entity = ? AND doc = ? AND status != 'deleted'");
        do {
            $doc = (string)sbx_seq_next($db, $realm, 'doc:' . $e, 1001);
            $st->execute([$realm, $e, $doc]);
            $taken = $st->fetchColumn() !== false;
            $st->closeCursor();
        } while ($taken);
    } else {
        $doc = null;
    }

    $obj = $in;
    unset($obj['Line'], $obj['TxnTaxDetail'], $obj['GlobalTaxCalculation']);
    if ($doc !== null) {
        $obj['DocNumber'] = $doc;
    } else {
        unset($obj['DocNumber']);
    }
    $obj['TxnDate'] = $txnDate;
    $obj['CurrencyRef'] = $curRef;
    unset($obj['ExchangeRate']);
    if ($xrate !== null) {
        $obj['ExchangeRate'] = $xrate;
    }
    if (!isset($obj['BillAddr']) && isset($cust['BillAddr'])) {
        $obj['BillAddr'] = $cust['BillAddr'];
    }
    if (!isset($obj['BillEmail']) && isset($cust['PrimaryEmailAddr']['Address'])) {
        $obj['BillEmail'] = ['Address' => $cust['PrimaryEmailAddr']['Address']];
    }
    if (isset($obj['ClassRef'])) {
        unset($obj['ClassRef']);   // class tracking is off in seeded companies
    }
    $obj['Line'] = $out;
    $obj['TxnTaxDetail'] = $taxOut;
    if ($gtc !== null) {
        $obj['GlobalTaxCalculation'] = $gtc;
    }
    $obj['TotalAmt'] = sbx_money($total);
    $obj += ['CustomField' => [], 'PrintStatus' => 'NeedToPrint', 'EmailStatus' => 'NotSet', 'ApplyTaxAfterDiscount' => false];
    if (isset($cur['obj']['DeliveryInfo'])) {
        $obj['DeliveryInfo'] = $cur['obj']['DeliveryInfo'];   // QBO-set, survives updates
    }

    $applied = $cur === null ? 0 : sbx_cents($cur['obj']['TotalAmt'] ?? 0) - sbx_cents($cur['obj']['Balance'] ?? 0);
    if ($e === 'RefundReceipt') {
        if (!isset($in['DepositToAccountRef'])) {
            throw sbx_err_required('DepositToAccountRef');
        }
        $obj['DepositToAccountRef'] = sbx_deposit_account($realm, $in['DepositToAccountRef'], 'DepositToAccountRef');
        if (isset($in['PaymentMethodRef'])) {
            $obj['PaymentMethodRef'] = sbx_ref_out(sbx_ref($realm, 'PaymentMethod', $in['PaymentMethodRef'], 'PaymentMethodRef'));
        }
        $obj['Balance'] = 0.0;
    } else {
        $bal = $total - $applied;
        if ($bal < 0) {
            throw sbx_err_business('The transaction total cannot be less than the amount already applied to it (' . sbx_money($applied) . ').', 'Line');
        }
        $obj['Balance'] = sbx_money($bal);
        $obj['LinkedTxn'] = $cur['obj']['LinkedTxn'] ?? [];
        if ($e === 'CreditMemo') {
            $obj['RemainingCredit'] = sbx_money($bal);
        }
    }
    if ($e === 'Invoice') {
        $termRef = $in['SalesTermRef'] ?? $cust['SalesTermRef'] ?? sbx_pref($realm, 'SalesFormsPrefs.DefaultTerms');
        $days = 0;
        if ($termRef !== null) {
            $termRow = sbx_ref($realm, 'Term', $termRef, 'SalesTermRef');
            $obj['SalesTermRef'] = sbx_ref_out($termRow);
            $days = (int)($termRow['obj']['DueDays'] ?? 0);
        }
        $obj['DueDate'] = isset($in['DueDate']) ? sbx_date_in($in['DueDate'], 'DueDate') : sbx_add_days($txnDate, $days);
        if (isset($in['DepositToAccountRef'])) {
            $obj['DepositToAccountRef'] = sbx_deposit_account($realm, $in['DepositToAccountRef'], 'DepositToAccountRef');
        }
        $obj += ['AllowIPNPayment' => false, 'AllowOnlinePayment' => false, 'AllowOnlineCreditCardPayment' => false,
            'AllowOnlineACHPayment' => false, 'Deposit' => 0];
    } elseif (isset($in['SalesTermRef'])) {
        $obj['SalesTermRef'] = sbx_ref_out(sbx_ref($realm, 'Term', $in['SalesTermRef'], 'SalesTermRef'));
    }
    foreach (['BillEmail.Address' => 100, 'BillEmailCc.Address' => 100, 'BillEmailBcc.Address' => 100] as $p => $max) {
        sbx_check_len($obj, $p, $max);
    }
    $obj = $cur === null ? sbx_stamp_new($obj, sbx_new_id($db, $realm, $e), $now) : sbx_stamp_next($obj, $cur, $now);
    sbx_txn_write($realm, $e, $obj, 'active', $op, $now, $cur);
    return [200, [$e => $obj]];
}

/** Amounts a payment object applies: ['Invoice' => [id => cents], 'CreditMemo' => [...]]. */
function sbx_payment_apps(?array $obj, string $status = 'active'): array
{
    $apps = ['Invoice' => [], 'CreditMemo' => []];
    if ($obj === null || $status !== 'active') {
        return $apps;
    }
    foreach ($obj['Line'] ?? [] as $l) {
        foreach ($l['LinkedTxn'] ?? [] as $lt) {
            $apps[$lt['TxnType']][(string)$lt['TxnId']] = ($apps[$lt['TxnType']][(string)$lt['TxnId']] ?? 0) + sbx_cents($l['Amount'] ?? 0);
        }
    }
    return $apps;
}

/** A payment or deposit line checked (an array of known fields with an Amount): its amount in cents. */
function sbx_line_amount($l): int
{
    if (!is_array($l)) {
        throw sbx_err_value('Line', $l);
    }
    foreach ($l as $k => $_) {
        if (!isset(SBX_LINE_FIELDS[$k])) {
            throw sbx_err_property('Line', (string)$k);
        }
    }
    if (!isset($l['Amount'])) {
        throw sbx_err_required('Line.Amount');
    }
    return sbx_money_in($l['Amount'], 'Line.Amount');
}

/**
 * Moves the application of payment $payId on its linked invoices / credit memos from $old to
 * $new: Balance, RemainingCredit, LinkedTxn, a new version (SyncToken+1) of each touched one.
 */
function sbx_payment_relink(string $realm, string $payId, array $old, array $new, array $linked, float $now): void
{
    $db = sbx_db();
    foreach (['Invoice', 'CreditMemo'] as $t) {
        $ids = array_unique(array_merge(array_keys($old[$t]), array_keys($new[$t]), array_keys($linked[$t] ?? [])));
        sort($ids);
        foreach ($ids as $id) {
            $id = (string)$id;
            $row = sbx_ent_row($db, $realm, $t, $id);
            if ($row === null || $row['status'] === 'deleted') {
                continue;
            }
            $delta = ($new[$t][$id] ?? 0) - ($old[$t][$id] ?? 0);
            $o = $row['obj'];
            $had = false;
            $links = [];
            foreach ($o['LinkedTxn'] ?? [] as $lt) {
                if (($lt['TxnType'] ?? '') === 'Payment' && (string)$lt['TxnId'] === $payId) {
                    $had = true;
                    continue;
                }
                $links[] = $lt;
            }
            $keep = isset($linked[$t][$id]);
            if ($keep) {
                $links[] = ['TxnId' => $payId, 'TxnType' => 'Payment'];
            }
            if ($delta === 0 && $had === $keep) {
                continue;
            }
            $bal = sbx_cents($o['Balance'] ?? 0) - $delta;
            $o['Balance'] = sbx_money($bal);
            if ($t === 'CreditMemo') {
                $o['RemainingCredit'] = sbx_money($bal);
            }
            $o['LinkedTxn'] = $links;
            $o = sbx_stamp_next($o, $row, $now);
            sbx_txn_write($realm, $t, $o, $row['status'], 'Update', $now, $row);
        }
    }
}

function sbx_payment_save(string $realm, array $in, ?array $cur, float $now, string $op): array
{
    $db = sbx_db();
    if (!isset($in['CustomerRef'])) {
        throw sbx_err_required('CustomerRef');
    }
    $custRow = sbx_ref($realm, 'Customer', $in['CustomerRef'], 'CustomerRef');
    $custId = (string)$custRow['obj']['Id'];
    [$curRef, $xrate] = sbx_txn_currency($realm, $in, $custRow['obj']);   // also counts money in its minor unit
    if (!isset($in['TotalAmt'])) {
        throw sbx_err_required('TotalAmt');
    }
    $total = sbx_money_in($in['TotalAmt'], 'TotalAmt');
    if ($total < 0) {
        throw sbx_err_business('The payment amount (TotalAmt) cannot be negative.', 'TotalAmt');
    }
    $old = sbx_payment_apps($cur['obj'] ?? null, $cur['status'] ?? 'active');
    $new = ['Invoice' => [], 'CreditMemo' => []];
    $linked = ['Invoice' => [], 'CreditMemo' => []];
    $lines = [];
    $rows = [];
    $inLines = $in['Line'] ?? [];
    if (!is_array($inLines)) {
        throw sbx_err_value('Line', $inLines);
    }
    foreach ($inLines as $l) {
        $amt = sbx_line_amount($l);
        if ($amt < 0) {
            throw sbx_err_business('A payment line amount cannot be negative.', 'Line.Amount');
        }
        if (empty($l['LinkedTxn']) || !is_array($l['LinkedTxn']) || !is_array($l['LinkedTxn'][0] ?? null)) {
            throw sbx_err_required('Line.LinkedTxn');
        }
        $lt = $l['LinkedTxn'][0];
        if (!isset($lt['TxnId']) || !is_scalar($lt['TxnId'])) {
            throw sbx_err_required('Line.LinkedTxn.TxnId');
        }
        $type = $lt['TxnType'] ?? null;
        if (!in_array($type, ['Invoice', 'CreditMemo'], true)) {
            throw sbx_err_value('Line.LinkedTxn.TxnType', $type);
        }
        $tid = (string)$lt['TxnId'];
        $row = $rows[$type . $tid] ??= sbx_ent_row($db, $realm, $type, $tid);
        if ($row === null || $row['status'] === 'deleted') {
            throw sbx_err_invalid_ref('Line.LinkedTxn.TxnId');
        }
        if ($row['status'] === 'voided') {
            throw sbx_err_business($type . ' ' . $tid . ' is voided; a payment cannot be applied to it.', 'Line.LinkedTxn.TxnId');
        }
        if ((string)$row['obj']['CustomerRef']['value'] !== $custId) {
            throw sbx_err_business($type . ' ' . $tid . ' belongs to another customer; a payment can only be applied to transactions of its own customer.', 'Line.LinkedTxn.TxnId');
        }
        $new[$type][$tid] = ($new[$type][$tid] ?? 0) + $amt;
        $linked[$type][$tid] = true;
        $lines[] = ['Amount' => sbx_money($amt), 'LinkedTxn' => [['TxnId' => $tid, 'TxnType' => $type]]];
    }
    $applied = 0;
    foreach (['Invoice' => 1, 'CreditMemo' => -1] as $type => $sign) {
        foreach ($new[$type] as $tid => $amt) {
            $row = $rows[$type . $tid];
            $open = sbx_cents($row['obj']['Balance'] ?? 0) + ($old[$type][$tid] ?? 0);
            if ($amt > $open) {
                $doc = $row['obj']['DocNumber'] ?? $tid;
                throw sbx_err_business('The amount applied (' . sbx_money($amt) . ') exceeds the open balance (' . sbx_money($open)
                    . ') of ' . $type . ' ' . $doc . '.', 'Line.Amount');
            }
            $applied += $sign * $amt;
        }
    }
    if ($applied > $total) {
        throw sbx_err_business('The amount applied to transactions (' . sbx_money($applied) . ') exceeds the payment amount TotalAmt ('
            . sbx_money($total) . ').', 'TotalAmt');
    }
    if ($applied < 0) {
        throw sbx_err_business('The credits applied exceed the invoices they are applied to.', 'Line');
    }
    $obj = $in;
    $obj['CustomerRef'] = sbx_ref_out($custRow, 'DisplayName');
    $obj['DepositToAccountRef'] = isset($in['DepositToAccountRef'])
        ? sbx_deposit_account($realm, $in['DepositToAccountRef'], 'DepositToAccountRef') : sbx_undeposited($realm);
    if (isset($in['PaymentMethodRef'])) {
        $obj['PaymentMethodRef'] = sbx_ref_out(sbx_ref($realm, 'PaymentMethod', $in['PaymentMethodRef'], 'PaymentMethodRef'));
    }
    if (isset($in['ARAccountRef'])) {
        $ar = sbx_ref($realm, 'Account', $in['ARAccountRef'], 'ARAccountRef');
        if ($ar['obj']['AccountType'] !== 'Accounts Receivable') {
            throw sbx_err_business('ARAccountRef must be an Accounts Receivable account.', 'ARAccountRef');
        }
        $obj['ARAccountRef'] = sbx_ref_out($ar);
    }
    $obj['TxnDate'] = isset($in['TxnDate']) ? sbx_date_in($in['TxnDate'], 'TxnDate') : sbx_date_pacific($now);
    $obj['CurrencyRef'] = $curRef;
    unset($obj['ExchangeRate']);
    if ($xrate !== null) {
        $obj['ExchangeRate'] = $xrate;
    }
    $obj['TotalAmt'] = sbx_money($total);
    $obj['UnappliedAmt'] = sbx_money($total - $applied);
    $obj['ProcessPayment'] = false;
    $obj['Line'] = $lines;
    $obj = $cur === null ? sbx_stamp_new($obj, sbx_new_id($db, $realm, 'Payment'), $now) : sbx_stamp_next($obj, $cur, $now);
    sbx_txn_write($realm, 'Payment', $obj, 'active', $op, $now, $cur);
    $oldLinked = ['Invoice' => $old['Invoice'], 'CreditMemo' => $old['CreditMemo']];
    sbx_payment_relink($realm, (string)$obj['Id'], $oldLinked, $new, $linked, $now);
    return [200, ['Payment' => $obj]];
}

/** Has an invoice / credit memo live payment links? */
function sbx_has_payment_links(array $obj): bool
{
    foreach ($obj['LinkedTxn'] ?? [] as $lt) {
        if (($lt['TxnType'] ?? '') === 'Payment') {
            return true;
        }
    }
    return false;
}

/** POST ?operation=delete (transactions only). */
function sbx_delete(string $realm, string $e, array $in): array
{
    if (!sbx_is_txn($e)) {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Delete is not supported.');
    }
    $cur = sbx_target($realm, $e, $in);
    if (($e === 'Invoice' || $e === 'CreditMemo') && sbx_has_payment_links($cur['obj'])) {
        throw sbx_err_business('This ' . $e . ' has linked payments. Unlink (delete or void) the payments before you delete it.', 'LinkedTxn');
    }
    $now = sbx_now();
    $id = (string)$cur['obj']['Id'];
    $obj = $cur['obj'];
    $obj['MetaData']['LastUpdatedTime'] = sbx_time_pacific($now);
    sbx_txn_write($realm, $e, $obj, 'deleted', 'Delete', $now, $cur);
    if ($e === 'Payment') {
        $empty = ['Invoice' => [], 'CreditMemo' => []];
        sbx_payment_relink($realm, $id, sbx_payment_apps($cur['obj'], $cur['status']), $empty, $empty, $now);
    }
    return [200, [$e => ['status' => 'Deleted', 'domain' => 'QBO', 'Id' => $id]]];
}

/** Removes invoice $invId from every payment linked to it (a new version of each). */
function sbx_invoice_unlink(string $realm, string $invId, float $now): void
{
    $inv = sbx_ent_row(sbx_db(), $realm, 'Invoice', $invId);
    foreach ($inv['obj']['LinkedTxn'] ?? [] as $lt) {
        if (($lt['TxnType'] ?? '') !== 'Payment') {
            continue;
        }
        $pay = sbx_ent_row(sbx_db(), $realm, 'Payment', (string)$lt['TxnId']);
        if ($pay === null || $pay['status'] !== 'active') {
            continue;
        }
        $zero = sbx_cents($pay['obj']['TotalAmt'] ?? 0) === 0;
        $lines = [];
        foreach ($pay['obj']['Line'] ?? [] as $l) {
            $toInv = false;
            foreach ($l['LinkedTxn'] ?? [] as $x) {
                $toInv = $toInv || (($x['TxnType'] ?? '') === 'Invoice' && (string)$x['TxnId'] === $invId);
            }
            if (!$toInv && !$zero) {
                $lines[] = array_intersect_key($l, ['Amount' => 1, 'LinkedTxn' => 1]);
            }
        }
        $w = sbx_writable('Payment', $pay['obj']);
        $w['Line'] = $lines;
        sbx_payment_save($realm, $w, $pay, $now, 'Update');
    }
}

/** POST ?operation=void (Payment also ?operation=update&include=void). */
function sbx_void(string $realm, string $e, array $in): array
{
    if (!sbx_is_txn($e)) {
        throw new SbxFault(400, '500', 'Unsupported Operation', 'Operation Void is not supported.');
    }
    $cur = sbx_target($realm, $e, $in);
    $now = sbx_now();
    if ($e === 'Invoice' && sbx_has_payment_links($cur['obj'])) {
        // MONEY.md §2 (CONFIRMED): voiding an invoice drops its links; the money goes back to the
        // payments' UnappliedAmt. A Payment of 0 (a credit memo's application) loses all its
        // lines, so the credit goes back to the memo (UNCONFIRMED).
        sbx_invoice_unlink($realm, (string)$cur['obj']['Id'], $now);
        $cur = sbx_target($realm, $e, ['Id' => $cur['obj']['Id'], 'SyncToken' => sbx_ent_row(sbx_db(), $realm, $e, (string)$cur['obj']['Id'])['sync']]);
    }
    if ($e === 'CreditMemo' && sbx_has_payment_links($cur['obj'])) {
        throw sbx_err_business('This ' . $e . ' has linked payments. Unlink (delete or void) the payments before you void it.', 'LinkedTxn');
    }
    $o = $cur['obj'];
    foreach ($o['Line'] ?? [] as $i => $l) {
        if (isset($l['Amount'])) {
            $o['Line'][$i]['Amount'] = 0.0;
        }
    }
    $o['TotalAmt'] = 0.0;
    if ($e === 'Payment') {
        $o['UnappliedAmt'] = 0.0;
    } else {
        $o['Balance'] = 0.0;
        $o['TxnTaxDetail'] = ['TotalTax' => 0.0] + (isset($o['TxnTaxDetail']['TxnTaxCodeRef']) ? ['TxnTaxCodeRef' => $o['TxnTaxDetail']['TxnTaxCodeRef']] : []);
        if ($e === 'CreditMemo') {
            $o['RemainingCredit'] = 0.0;
        }
    }
    $note = (string)($o['PrivateNote'] ?? '');
    if (!str_starts_with($note, 'Voided')) {
        $o['PrivateNote'] = $note === '' ? 'Voided' : 'Voided - ' . $note;
    }
    $o = sbx_stamp_next($o, $cur, $now);
    sbx_txn_write($realm, $e, $o, 'voided', 'Void', $now, $cur);
    if ($e === 'Payment') {
        $empty = ['Invoice' => [], 'CreditMemo' => []];
        sbx_payment_relink($realm, (string)$o['Id'], sbx_payment_apps($cur['obj'], $cur['status']), $empty, $empty, $now);
    }
    return [200, [$e => $o]];
}

/**
 * Deposit (MONEY.md §3.2): lines linked to Payments waiting in Undeposited Funds (Amount = the
 * payment's total; a payment is deposited once) and direct DepositLineDetail lines to an
 * account (negative for a processor fee); TotalAmt = the sum, never negative.
 */
function sbx_deposit_save(string $realm, array $in, ?array $cur, float $now, string $op): array
{
    $db = sbx_db();
    if (!isset($in['DepositToAccountRef'])) {
        throw sbx_err_required('DepositToAccountRef');
    }
    $to = sbx_deposit_account($realm, $in['DepositToAccountRef'], 'DepositToAccountRef');
    if (!isset($in['Line']) || !is_array($in['Line']) || $in['Line'] === []) {
        throw sbx_err_required('Line');
    }
    $undep = sbx_undeposited($realm)['value'];
    $total = 0;
    $lines = [];
    // a deposit of payments is in their currency (MONEY.md 1.4: the line entity's currency wins)
    $payCur = null;
    foreach ($in['Line'] as $l) {
        $tid = is_array($l) ? ($l['LinkedTxn'][0]['TxnId'] ?? null) : null;
        if (is_scalar($tid) && ($p = sbx_ent_row($db, $realm, 'Payment', (string)$tid)) !== null && isset($p['obj']['ExchangeRate'])) {
            $payCur = $p['obj'];
            break;
        }
    }
    sbx_money_scope($realm, $payCur);
    foreach ($in['Line'] as $l) {
        $amt = sbx_line_amount($l);
        if (isset($l['LinkedTxn'])) {
            if (isset($l['DetailType'])) {
                throw sbx_err_business('Select a bank account for this deposit.', 'Line.DetailType');
            }
            $lt = $l['LinkedTxn'][0] ?? null;
            if (!is_array($lt) || ($lt['TxnType'] ?? '') !== 'Payment' || !isset($lt['TxnId'])) {
                throw sbx_err_value('Line.LinkedTxn', $lt);
            }
            $pay = sbx_ent_row($db, $realm, 'Payment', (string)$lt['TxnId']);
            if ($pay === null || $pay['status'] !== 'active') {
                throw sbx_err_invalid_ref('Line.LinkedTxn.TxnId');
            }
            if ((string)($pay['obj']['DepositToAccountRef']['value'] ?? '') !== (string)$undep) {
                throw sbx_err_business('Payment ' . $lt['TxnId'] . ' is not in Undeposited Funds; it cannot be deposited.', 'Line.LinkedTxn.TxnId');
            }
            $st = $db->prepare("SELECT id FROM sbx_entity WHERE realm = ? AND entity = 'Deposit' AND status = 'active' AND id != ?
                AND EXISTS (SELECT 1 FROM json_each(json_extract(data, '$.Line')) l, json_each(json_extract(l.value, '$.LinkedTxn')) t
                WHERE json_extract(t.value, '$.TxnType') = 'Payment' AND json_extract(t.value, '$.TxnId') = ?)");
            $st->execute([$realm, $cur === null ? '' : (string)$cur['obj']['Id'], (string)$lt['TxnId']]);
            if ($st->fetchColumn() !== false) {
                throw sbx_err_business('Payment ' . $lt['TxnId'] . ' is already deposited.', 'Line.LinkedTxn.TxnId');
            }
            if ($amt !== sbx_cents($pay['obj']['TotalAmt'] ?? 0)) {
                throw sbx_err_business('The amount of a linked deposit line must be the payment\'s total (' . sbx_money(sbx_cents($pay['obj']['TotalAmt'] ?? 0)) . ').', 'Line.Amount');
            }
            $lines[] = ['Amount' => sbx_money($amt), 'LinkedTxn' => [['TxnId' => (string)$lt['TxnId'], 'TxnType' => 'Payment', 'TxnLineId' => '0']]];
        } else {
            if (($l['DetailType'] ?? '') !== 'DepositLineDetail') {
                throw sbx_err_value('Line.DetailType', $l['DetailType'] ?? null);
            }
            $d = $l['DepositLineDetail'] ?? null;
            if (!is_array($d) || !isset($d['AccountRef'])) {
                throw sbx_err_required('Line.DepositLineDetail.AccountRef');
            }
            $acct = sbx_ref($realm, 'Account', $d['AccountRef'], 'Line.DepositLineDetail.AccountRef');
            if (!in_array($acct['obj']['AccountType'], ['Income', 'Other Income', 'Expense', 'Other Expense', 'Other Current Asset', 'Equity', 'Cost of Goods Sold'], true)) {
                throw sbx_err_business('Invalid account type for a deposit line.', 'Line.DepositLineDetail.AccountRef');
            }
            $ol = ['Amount' => sbx_money($amt), 'DetailType' => 'DepositLineDetail', 'DepositLineDetail' => ['AccountRef' => sbx_ref_out($acct)]];
            if (isset($l['Description'])) {
                $ol['Description'] = (string)$l['Description'];
            }
            $lines[] = $ol;
        }
        $total += $amt;
    }
    if ($total < 0) {
        throw sbx_err_business('The deposit total cannot be negative.', 'Line');
    }
    $obj = $in;
    $obj['DepositToAccountRef'] = $to;
    $obj['Line'] = $lines;
    $obj['TxnDate'] = isset($in['TxnDate']) ? sbx_date_in($in['TxnDate'], 'TxnDate') : sbx_date_pacific($now);
    if ($payCur !== null) {
        $obj['CurrencyRef'] = $payCur['CurrencyRef'];
        $obj['ExchangeRate'] = $payCur['ExchangeRate'];
    } else {
        $obj['CurrencyRef'] = sbx_currency_ref($realm, $in['CurrencyRef'] ?? null);
        unset($obj['ExchangeRate']);
    }
    $obj['TotalAmt'] = sbx_money($total);
    $obj = $cur === null ? sbx_stamp_new($obj, sbx_new_id($db, $realm, 'Deposit'), $now) : sbx_stamp_next($obj, $cur, $now);
    sbx_txn_write($realm, 'Deposit', $obj, 'active', $op, $now, $cur);
    return [200, ['Deposit' => $obj]];
}
