<?php
// pull: read customers, items, invoices, payments back from QuickBooks (CDC since the last pull; --full, --kinds, --since)

function qbosync_cmd_pull(QbosyncCli $cli): int
{
    $options = ['full' => $cli->flag('full')];
    if ($cli->opt('kinds') !== null) {
        $kinds = array_values(array_filter(array_map('trim', explode(',', $cli->opt('kinds')))));
        $bad = array_diff($kinds, ['customer', 'item', 'invoice', 'payment']);
        if ($bad || !$kinds) {
            throw new QbosyncCliError('--kinds takes customer, item, invoice, payment (comma-separated), "' . $cli->opt('kinds') . '" given', QBOSYNC_EXIT_USAGE);
        }
        $options['kinds'] = $kinds;
    }
    if ($cli->opt('since') !== null) {
        $options['since'] = $cli->opt('since');
    }
    if ($cli->flag('no-link')) {
        $options['link'] = false;
    }
    $tty = $cli->isTerminal();
    $seen = [];
    $total = 0;
    // documents are counted as they come (never all held in memory); a
    // terminal sees a running count, anything else one line per kind at the end
    $options['callback'] = function (string $kind, array $doc) use (&$seen, &$total, $tty, $cli) {
        $seen[$kind] = ($seen[$kind] ?? 0) + 1;
        $total++;
        if ($tty && $total % 50 === 0) {
            fwrite($cli->out, "\rpulling: $total records ($kind)");
        }
    };
    $r = qbo_pull($cli->conn(), $options);
    if ($tty && $total >= 50) {
        fwrite($cli->out, "\r" . str_repeat(' ', 60) . "\r");
    }
    $cli->result($r, function (array $r) use ($cli) {
        $cli->say('pulled from QuickBooks (' . $r['mode'] . ')');
        foreach ($r['counts'] as $kind => $n) {
            $cli->say(sprintf('%-10s %d', $kind . ':', $n));
        }
        $cli->say('linked:    ' . $r['linked']);
        $cli->say('watermark: ' . $r['watermark']);
    });
    return QBOSYNC_EXIT_OK;
}
