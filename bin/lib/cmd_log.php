<?php
// log: the log, newest first: decisions and QuickBooks exchanges [--type exchange|decision] [--level L] [--kind K] [--id ID] [--code C] [--tid T] [--since T] [--until T] [--limit N] [--offset N] [--bodies]

/** The log's filters from the command line, as qbo_log() takes them. */
function qbosync_log_filter(QbosyncCli $cli): array
{
    $filter = [];
    foreach (['kind' => 'kind', 'id' => 'id', 'code' => 'code', 'tid' => 'intuit_tid', 'since' => 'since', 'until' => 'until'] as $opt => $key) {
        $v = $cli->opt($opt);
        if ($v !== null) {
            if ($v === '') {
                throw new QbosyncCliError("--$opt takes a value", QBOSYNC_EXIT_USAGE);
            }
            $filter[$key] = ctype_digit($v) && in_array($opt, ['since', 'until'], true) ? (int)$v : $v;
        }
    }
    $level = $cli->opt('level');
    if ($level !== null) {
        if (!in_array($level, ['info', 'warn', 'error'], true)) {
            throw new QbosyncCliError('--level is info, warn or error (that level and above)', QBOSYNC_EXIT_USAGE);
        }
        $filter['level'] = $level;
    }
    $type = $cli->opt('type');
    if ($type !== null) {
        if (!in_array($type, ['exchange', 'decision'], true)) {
            throw new QbosyncCliError('--type is exchange (QuickBooks exchanges only) or decision (the engine\'s decisions only)', QBOSYNC_EXIT_USAGE);
        }
        $filter['type'] = $type;
    }
    $limit = $cli->opt('limit') ?? '100';
    if (!ctype_digit($limit) || (int)$limit < 1 || (int)$limit > 10000) {
        throw new QbosyncCliError('--limit takes a number from 1 to 10000', QBOSYNC_EXIT_USAGE);
    }
    $filter['limit'] = (int)$limit;
    $offset = $cli->opt('offset');
    if ($offset !== null) {
        if (!ctype_digit($offset) || (int)$offset > 1000000000) {
            throw new QbosyncCliError('--offset takes a number of rows to skip, 0 or more', QBOSYNC_EXIT_USAGE);
        }
        $filter['offset'] = (int)$offset;
    }
    return $filter;
}

function qbosync_cmd_log(QbosyncCli $cli): int
{
    $filter = qbosync_log_filter($cli);
    try {
        $rows = qbo_log($cli->conn(), $filter);
    } catch (ValueError $e) {
        // a date qbo_log() cannot read, a filter too long
        throw new QbosyncCliError(preg_replace('/^qbo_log\(\): Argument #2 \(\$filter\) /', '', $e->getMessage()), QBOSYNC_EXIT_USAGE);
    }
    $bodies = $cli->flag('bodies');
    $cli->result($rows, function (array $rows) use ($cli, $bodies) {
        foreach ($rows as $r) {
            $rec = $r['kind'] !== null ? $r['kind'] . ($r['id'] !== null ? " {$r['id']}" : '') : '-';
            if (($r['type'] ?? 'decision') === 'exchange') {
                $cli->say(sprintf('%s %-5s %-18s %s %s %s%s%s %.0f ms%s', $r['at'], $r['level'], $rec, $r['method'], $r['path'], $r['status'],
                    $r['code'] !== null ? " code {$r['code']}" : '', $r['intuit_tid'] !== null ? " intuit_tid {$r['intuit_tid']}" : '',
                    $r['ms'], $r['records'] !== null ? " [{$r['records']}]" : ''));
                if ($bodies) {
                    foreach (['request', 'response'] as $b) {
                        if ($r[$b] !== null) {
                            $cli->say("    $b: " . $r[$b]);
                        }
                    }
                }
            } else {
                $cli->say(sprintf('%s %-5s %-18s %s', $r['at'], $r['level'], $rec, $r['message']));
            }
        }
    });
    return QBOSYNC_EXIT_OK;
}
