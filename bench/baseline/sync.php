<?php
/*
 * bench/baseline/sync.php — the comparison point of the delivery benchmarks: a
 * plain-PHP sync written the obvious way. curl + json_encode, one request per
 * record, sequential, in the calling request, the QBO Ids kept in a PHP array.
 * No guards, no retries, no outbox: what a throwaway script does.
 */

final class BaselineSync
{
    private array $ids = [];
    private $ch;
    public int $requests = 0;
    public int $errors = 0;

    public function __construct(private string $base, private string $realm, private string $token)
    {
        $this->ch = curl_init();
    }

    private function post(string $entity, array $body): ?array
    {
        curl_setopt_array($this->ch, [
            CURLOPT_URL => "{$this->base}/v3/company/{$this->realm}/" . strtolower($entity) . '?minorversion=75',
            CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true, CURLOPT_POSTFIELDS => json_encode($body),
            CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $this->token, 'Accept: application/json',
                'Content-Type: application/json'],
        ]);
        $this->requests++;
        $raw = curl_exec($this->ch);
        $j = json_decode((string)$raw, true);
        if (!isset($j[$entity]['Id'])) {
            $this->errors++;
            return null;
        }
        return $j[$entity];
    }

    public function customer(array $c): void
    {
        $r = $this->post('Customer', ['DisplayName' => "{$c['first_name']} {$c['last_name']}",
            'GivenName' => $c['first_name'], 'FamilyName' => $c['last_name'],
            'PrimaryEmailAddr' => ['Address' => $c['email']], 'Notes' => "qbosync:customer:{$c['id']}"]);
        $this->ids['c:' . $c['id']] = $r['Id'] ?? null;
    }

    public function invoice(array $i): void
    {
        $lines = [];
        foreach ($i['lines'] as $l) {
            $lines[] = ['Amount' => (float)$l['amount'], 'DetailType' => 'SalesItemLineDetail', 'Description' => $l['description'],
                'SalesItemLineDetail' => ['ItemRef' => ['value' => '1'], 'Qty' => (float)$l['quantity'], 'UnitPrice' => (float)$l['unit_price']]];
        }
        $r = $this->post('Invoice', ['CustomerRef' => ['value' => $this->ids['c:' . $i['customer']]], 'DocNumber' => $i['number'],
            'TxnDate' => $i['date'], 'Line' => $lines, 'PrivateNote' => "qbosync:invoice:{$i['id']}"]);
        $this->ids['i:' . $i['id']] = $r['Id'] ?? null;
    }

    public function payment(array $p): void
    {
        $lines = [];
        foreach ($p['applies_to'] ?? [] as $a) {
            $lines[] = ['Amount' => (float)$a['amount'], 'LinkedTxn' => [['TxnId' => $this->ids['i:' . $a['invoice']], 'TxnType' => 'Invoice']]];
        }
        $this->post('Payment', ['CustomerRef' => ['value' => $this->ids['c:' . $p['customer']]], 'TotalAmt' => (float)$p['amount'],
            'TxnDate' => $p['date'], 'Line' => $lines, 'PrivateNote' => "qbosync:payment:{$p['id']}"]);
    }
}

/** Mints a sandbox token for $realm (the baseline has no OAuth flow of its own). */
function baseline_token(string $base, string $realm): string
{
    return (string)bl_post("$base/_sandbox/tokens", ['realm' => $realm])['access_token'];
}

/** Runs the baseline over $n customers, invoices and payments: [records, errors, seconds, cpu seconds, requests]. */
function baseline_run(string $realm, int $n): array
{
    $b = new BaselineSync(bl_base(), $realm, baseline_token(bl_base(), $realm));
    $ru = getrusage();
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        $b->customer(bl_customer($i));
    }
    for ($i = 0; $i < $n; $i++) {
        $b->invoice(bl_invoice($i));
    }
    for ($i = 0; $i < $n; $i++) {
        $b->payment(bl_payment($i));
    }
    return [3 * $n - $b->errors, $b->errors, (hrtime(true) - $t) / 1e9, bl_cpu_since($ru), $b->requests];
}
