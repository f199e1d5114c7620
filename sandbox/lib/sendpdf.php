<?php
// Invoice extras: POST /invoice/{id}/send (marks it e-mailed, 40 sends per realm per day as in
// Intuit's sandbox) and GET /invoice/{id}/pdf (a small real PDF of the invoice).
declare(strict_types=1);

const SBX_EMAILS_PER_DAY = 40;

function sbx_invoice_send(string $realm, string $id, array $q): array
{
    sbx_check_id('Invoice', $id);
    $db = sbx_db();
    $cur = sbx_ent_row($db, $realm, 'Invoice', $id);
    if ($cur === null || $cur['status'] === 'deleted') {
        throw sbx_err_not_found(true);
    }
    $to = is_string($q['sendTo'] ?? null) ? trim($q['sendTo']) : '';
    $addr = $to !== '' ? $to : (string)($cur['obj']['BillEmail']['Address'] ?? '');
    if ($addr === '') {
        throw sbx_err_business('The invoice has no BillEmail address; give sendTo or set BillEmail.', 'BillEmail');
    }
    if (!filter_var($addr, FILTER_VALIDATE_EMAIL)) {
        throw sbx_err_business('Invalid email address: ' . $addr, 'sendTo');
    }
    $now = sbx_now();
    $n = sbx_seq_next($db, $realm, 'email:' . sbx_date_pacific($now));
    if ($n > SBX_EMAILS_PER_DAY) {
        throw sbx_err_business('The daily limit of ' . SBX_EMAILS_PER_DAY . ' emails for a sandbox company has been reached.', 'sendTo');
    }
    $o = $cur['obj'];
    $o['BillEmail'] = ['Address' => $addr];
    $o['EmailStatus'] = 'EmailSent';
    $o['DeliveryInfo'] = ['DeliveryType' => 'Email', 'DeliveryTime' => sbx_time_pacific($now)];
    $o = sbx_stamp_next($o, $cur, $now);
    sbx_txn_write($realm, 'Invoice', $o, $cur['status'], 'Update', $now, $cur);
    return [200, ['Invoice' => $o]];
}

/** Response triple with a one-page PDF listing the invoice's number, customer, lines and total. */
function sbx_invoice_pdf(string $realm, string $id): array
{
    [, $body] = sbx_read($realm, 'Invoice', $id);
    $inv = $body['Invoice'];
    $text = ['Invoice ' . ($inv['DocNumber'] ?? $inv['Id']), 'Customer: ' . $inv['CustomerRef']['name'],
        'Date: ' . $inv['TxnDate'] . '  Due: ' . ($inv['DueDate'] ?? '')];
    foreach ($inv['Line'] as $l) {
        if ($l['DetailType'] === 'SalesItemLineDetail') {
            $text[] = $l['SalesItemLineDetail']['ItemRef']['name'] . '  ' . number_format((float)$l['Amount'], 2);
        }
    }
    $text[] = 'Total: ' . number_format((float)$inv['TotalAmt'], 2) . '  Balance: ' . number_format((float)$inv['Balance'], 2);
    $stream = "BT /F1 12 Tf 50 780 Td 16 TL\n";
    foreach ($text as $t) {
        $t = preg_replace('/[^\x20-\x7e]/', '?', $t);
        $stream .= '(' . strtr($t, ['\\' => '\\\\', '(' => '\\(', ')' => '\\)']) . ") Tj T*\n";
    }
    $stream .= "ET\n";
    $objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        '<< /Length ' . strlen($stream) . " >>\nstream\n" . $stream . 'endstream',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    $pdf = "%PDF-1.4\n";
    $offs = [];
    foreach ($objs as $i => $o) {
        $offs[] = strlen($pdf);
        $pdf .= ($i + 1) . " 0 obj\n" . $o . "\nendobj\n";
    }
    $xref = strlen($pdf);
    $pdf .= "xref\n0 " . (count($objs) + 1) . "\n0000000000 65535 f \n";
    foreach ($offs as $o) {
        $pdf .= sprintf("%010d 00000 n \n", $o);
    }
    $pdf .= "trailer\n<< /Size " . (count($objs) + 1) . " /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n";
    return [200, ['Content-Type' => 'application/pdf', 'intuit_tid' => sbx_request_id()], $pdf];
}
