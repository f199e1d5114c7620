<?php
// log: the delivery log, newest first [--kind K] [--id ID] [--level info|warn|error] [--limit N]

function qbosync_cmd_log(QbosyncCli $cli): int
{
    $filter = [];
    foreach (['kind', 'id'] as $k) {
        if ($cli->opt($k) !== null) {
            $filter[$k] = $cli->opt($k);
        }
    }
    $limit = $cli->opt('limit') ?? '100';
    if (!ctype_digit($limit) || (int)$limit < 1 || (int)$limit > 10000) {
        throw new QbosyncCliError('--limit takes a number from 1 to 10000', QBOSYNC_EXIT_USAGE);
    }
    $level = $cli->opt('level');
    $levels = ['info' => 0, 'warn' => 1, 'error' => 2];
    if ($level !== null && !isset($levels[$level])) {
        throw new QbosyncCliError('--level is info, warn or error (that level and above)', QBOSYNC_EXIT_USAGE);
    }
    // a level filter reads more rows, then keeps that level and above
    $filter['limit'] = $level !== null ? 10000 : (int)$limit;
    $rows = qbo_log($cli->conn(), $filter);
    if ($level !== null) {
        $rows = array_slice(array_values(array_filter($rows, fn($r) => ($levels[$r['level']] ?? 0) >= $levels[$level])), 0, (int)$limit);
    }
    $cli->result($rows, function (array $rows) use ($cli) {
        foreach ($rows as $r) {
            $rec = $r['kind'] !== null ? $r['kind'] . ($r['id'] !== null ? " {$r['id']}" : '') : '-';
            $cli->say(sprintf('%s %-5s %-18s %s', $r['at'], $r['level'], $rec, $r['message']));
        }
    });
    return QBOSYNC_EXIT_OK;
}
