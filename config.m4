dnl config.m4 for the qbosync extension: finds libcurl, json-c, SQLite, OpenSSL and the MariaDB client
dnl with pkg-config and names the Debian package to install when one is missing.

PHP_ARG_ENABLE([qbosync],
  [whether to enable qbosync support],
  [AS_HELP_STRING([--enable-qbosync], [Enable qbosync (QuickBooks Online sync) support])],
  [yes])

if test "$PHP_QBOSYNC" != "no"; then
  PKG_PROG_PKG_CONFIG
  if test -z "$PKG_CONFIG"; then
    AC_MSG_ERROR([qbosync needs pkg-config to find its libraries: install the pkg-config package (Debian: apt-get install pkg-config)])
  fi

  dnl QBOSYNC_NEED(pkg-config name, minimum version, variable prefix, what to install)
  AC_DEFUN([QBOSYNC_NEED], [
    AC_MSG_CHECKING([for $1 >= $2])
    if $PKG_CONFIG --atleast-version=$2 $1 2>/dev/null; then
      AC_MSG_RESULT([yes, `$PKG_CONFIG --modversion $1`])
      $3_CFLAGS=`$PKG_CONFIG --cflags $1`
      $3_LIBS=`$PKG_CONFIG --libs $1`
      PHP_EVAL_INCLINE($$3_CFLAGS)
      PHP_EVAL_LIBLINE($$3_LIBS, QBOSYNC_SHARED_LIBADD)
    else
      AC_MSG_RESULT([no])
      AC_MSG_ERROR([qbosync needs $1 >= $2, which pkg-config cannot find: install $4])
    fi
  ])

  QBOSYNC_NEED([libcurl], [7.61.0], [CURL], [libcurl4-openssl-dev (Debian) or libcurl-devel])
  QBOSYNC_NEED([json-c], [0.13], [JSONC], [libjson-c-dev (Debian) or json-c-devel])
  QBOSYNC_NEED([sqlite3], [3.24.0], [SQLITE], [libsqlite3-dev (Debian) or sqlite-devel])
  QBOSYNC_NEED([libcrypto], [1.1.1], [OPENSSL], [libssl-dev (Debian) or openssl-devel])
  QBOSYNC_NEED([libmariadb], [3.1.0], [MARIADB], [libmariadb-dev (Debian) or mariadb-connector-c-devel])

  QBOSYNC_CORE="ext/core/qs_error.c ext/core/qs_crypto.c ext/core/qs_money.c \
    ext/core/qs_http.c ext/core/qs_http_log.c ext/core/qs_pool.c ext/core/qs_oauth.c ext/core/qs_qbo.c ext/core/qs_qbo_pull.c ext/core/qs_qbo_webhook.c ext/core/qs_map.c ext/core/qs_map_from_qbo.c \
    ext/core/qs_map_field.c ext/core/qs_map_qbo.c ext/core/qs_map_lines.c \
    ext/core/qs_kind_customer.c ext/core/qs_kind_item.c ext/core/qs_kind_invoice.c \
    ext/core/qs_kind_payment.c ext/core/qs_kind_refund.c ext/core/qs_kind_credit.c ext/core/qs_kind_writeoff.c \
    ext/core/qs_verify.c ext/core/qs_engine_verify.c ext/core/qs_engine_credit.c ext/core/qs_engine_fee.c ext/core/qs_engine_currency.c ext/core/qs_engine_delete.c ext/core/qs_engine_delete_qbo.c ext/core/qs_engine_resolve.c ext/core/qs_engine_realm.c ext/core/qs_engine_account.c \
    ext/core/qs_store.c ext/core/qs_store_open.c ext/core/qs_store_sqlite.c ext/core/qs_store_sqlite_vfs.c ext/core/qs_store_mysql.c ext/core/qs_engine.c ext/core/qs_engine_push.c ext/core/qs_engine_util.c ext/core/qs_engine_record.c ext/core/qs_engine_inline.c ext/core/qs_engine_lease.c ext/core/qs_engine_qbo.c ext/core/qs_engine_deliver.c ext/core/qs_engine_guard.c ext/core/qs_engine_wave.c ext/core/qs_engine_round.c ext/core/qs_engine_xlog.c ext/core/qs_engine_pace.c ext/core/qs_engine_pull.c ext/core/qs_engine_webhook.c \
    ext/core/qs_engine_worker.c ext/core/qs_engine_history.c ext/core/qs_engine_reconcile.c ext/core/qs_whmcs_list.c \
    ext/core/qs_engine_map.c ext/core/qs_engine_start.c ext/core/qs_kind.c ext/core/qs_state.c ext/core/qs_whmcs.c ext/core/qs_whmcs_shape.c ext/core/qs_engine_hook.c ext/core/qs_engine_hook_event.c ext/core/qs_engine_spill.c ext/core/qs_json.c \
    ext/core/qbo/qs_qbo_faults.c ext/core/qbo/qs_qbo_tax.c"
  QBOSYNC_PHP="ext/qbosync.c ext/php/qs_php_connection.c ext/php/qs_php_functions.c ext/php/qs_php_pull.c \
    ext/php/qs_php_exceptions.c ext/php/qs_php_json.c ext/php/qs_php_history.c"

  PHP_NEW_EXTENSION(qbosync, $QBOSYNC_CORE $QBOSYNC_PHP, $ext_shared,, [-std=gnu99 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/qbo])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/php])
  PHP_ADD_MAKEFILE_FRAGMENT
  PHP_ADD_INCLUDE([$ext_srcdir])
  PHP_ADD_INCLUDE([$ext_srcdir/ext])
  PHP_SUBST(QBOSYNC_SHARED_LIBADD)
fi
