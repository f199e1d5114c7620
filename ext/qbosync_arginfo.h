/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 7c212ba98e9a8195365f8435170ef977ffaa618b */

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_qbo_connect, 0, 0, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_oauth_url, 0, 1, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, scope, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_oauth_exchange, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, code, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, state, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, realmId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_disconnect, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, revoke, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_map, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, kind, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, localId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, qboId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, extra, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_mappings, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kind, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, localId, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_unmap, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, kind, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, localId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_push, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, kind, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, document, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flags, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_sync, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_hook, 0, 3, IS_ARRAY, 1)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, event, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, vars, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_status, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_entities, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, filter, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_resend, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, kind, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_qbo_delete arginfo_qbo_resend

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_dismiss, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, kind, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, dismissed, _IS_BOOL, 0, "true")
ZEND_END_ARG_INFO()

#define arginfo_qbo_log arginfo_qbo_entities

#define arginfo_qbo_pull arginfo_qbo_sync

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_webhook, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, rawBody, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, signature, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_qbo_events arginfo_qbo_entities

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_reference, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_qbo_history arginfo_qbo_sync

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_history_status, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_history_cancel, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_qbo_reconcile, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, connection, QboSync\\Connection, 0)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_qbo_unlock arginfo_qbo_history_cancel

#define arginfo_qbo_cancel arginfo_qbo_history_cancel


ZEND_FUNCTION(qbo_connect);
ZEND_FUNCTION(qbo_oauth_url);
ZEND_FUNCTION(qbo_oauth_exchange);
ZEND_FUNCTION(qbo_disconnect);
ZEND_FUNCTION(qbo_map);
ZEND_FUNCTION(qbo_mappings);
ZEND_FUNCTION(qbo_unmap);
ZEND_FUNCTION(qbo_push);
ZEND_FUNCTION(qbo_sync);
ZEND_FUNCTION(qbo_hook);
ZEND_FUNCTION(qbo_status);
ZEND_FUNCTION(qbo_entities);
ZEND_FUNCTION(qbo_resend);
ZEND_FUNCTION(qbo_delete);
ZEND_FUNCTION(qbo_dismiss);
ZEND_FUNCTION(qbo_log);
ZEND_FUNCTION(qbo_pull);
ZEND_FUNCTION(qbo_webhook);
ZEND_FUNCTION(qbo_events);
ZEND_FUNCTION(qbo_reference);
ZEND_FUNCTION(qbo_history);
ZEND_FUNCTION(qbo_history_status);
ZEND_FUNCTION(qbo_history_cancel);
ZEND_FUNCTION(qbo_reconcile);
ZEND_FUNCTION(qbo_unlock);
ZEND_FUNCTION(qbo_cancel);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(qbo_connect, arginfo_qbo_connect)
	ZEND_FE(qbo_oauth_url, arginfo_qbo_oauth_url)
	ZEND_FE(qbo_oauth_exchange, arginfo_qbo_oauth_exchange)
	ZEND_FE(qbo_disconnect, arginfo_qbo_disconnect)
	ZEND_FE(qbo_map, arginfo_qbo_map)
	ZEND_FE(qbo_mappings, arginfo_qbo_mappings)
	ZEND_FE(qbo_unmap, arginfo_qbo_unmap)
	ZEND_FE(qbo_push, arginfo_qbo_push)
	ZEND_FE(qbo_sync, arginfo_qbo_sync)
	ZEND_FE(qbo_hook, arginfo_qbo_hook)
	ZEND_FE(qbo_status, arginfo_qbo_status)
	ZEND_FE(qbo_entities, arginfo_qbo_entities)
	ZEND_FE(qbo_resend, arginfo_qbo_resend)
	ZEND_FE(qbo_delete, arginfo_qbo_delete)
	ZEND_FE(qbo_dismiss, arginfo_qbo_dismiss)
	ZEND_FE(qbo_log, arginfo_qbo_log)
	ZEND_FE(qbo_pull, arginfo_qbo_pull)
	ZEND_FE(qbo_webhook, arginfo_qbo_webhook)
	ZEND_FE(qbo_events, arginfo_qbo_events)
	ZEND_FE(qbo_reference, arginfo_qbo_reference)
	ZEND_FE(qbo_history, arginfo_qbo_history)
	ZEND_FE(qbo_history_status, arginfo_qbo_history_status)
	ZEND_FE(qbo_history_cancel, arginfo_qbo_history_cancel)
	ZEND_FE(qbo_reconcile, arginfo_qbo_reconcile)
	ZEND_FE(qbo_unlock, arginfo_qbo_unlock)
	ZEND_FE(qbo_cancel, arginfo_qbo_cancel)
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_Connection_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_ValidationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_AuthException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_ApiException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_QboSync_StoreException_methods[] = {
	ZEND_FE_END
};

static void register_qbosync_symbols(int module_number)
{
	REGISTER_LONG_CONSTANT("QBO_QUEUE_ONLY", QS_PUSH_QUEUE_ONLY, CONST_PERSISTENT);
	REGISTER_LONG_CONSTANT("QBO_FORCE", QS_PUSH_FORCE, CONST_PERSISTENT);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "qbo_connect", sizeof("qbo_connect") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "qbo_oauth_exchange", sizeof("qbo_oauth_exchange") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
}

static zend_class_entry *register_class_QboSync_Connection(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "Connection", class_QboSync_Connection_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_QboSync_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "Exception", class_QboSync_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_QboSync_ValidationException(zend_class_entry *class_entry_QboSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "ValidationException", class_QboSync_ValidationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_QboSync_Exception);

	zval property_kind_default_value;
	ZVAL_EMPTY_STRING(&property_kind_default_value);
	zend_string *property_kind_name = zend_string_init("kind", sizeof("kind") - 1, 1);
	zend_declare_typed_property(class_entry, property_kind_name, &property_kind_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_kind_name);

	zval property_recordId_default_value;
	ZVAL_EMPTY_STRING(&property_recordId_default_value);
	zend_string *property_recordId_name = zend_string_init("recordId", sizeof("recordId") - 1, 1);
	zend_declare_typed_property(class_entry, property_recordId_name, &property_recordId_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_recordId_name);

	zval property_field_default_value;
	ZVAL_EMPTY_STRING(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_field_name);

	return class_entry;
}

static zend_class_entry *register_class_QboSync_AuthException(zend_class_entry *class_entry_QboSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "AuthException", class_QboSync_AuthException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_QboSync_Exception);

	return class_entry;
}

static zend_class_entry *register_class_QboSync_ApiException(zend_class_entry *class_entry_QboSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "ApiException", class_QboSync_ApiException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_QboSync_Exception);

	zval property_qboCode_default_value;
	ZVAL_EMPTY_STRING(&property_qboCode_default_value);
	zend_string *property_qboCode_name = zend_string_init("qboCode", sizeof("qboCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_qboCode_name, &property_qboCode_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_qboCode_name);

	zval property_element_default_value;
	ZVAL_EMPTY_STRING(&property_element_default_value);
	zend_string *property_element_name = zend_string_init("element", sizeof("element") - 1, 1);
	zend_declare_typed_property(class_entry, property_element_name, &property_element_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_element_name);

	zval property_detail_default_value;
	ZVAL_EMPTY_STRING(&property_detail_default_value);
	zend_string *property_detail_name = zend_string_init("detail", sizeof("detail") - 1, 1);
	zend_declare_typed_property(class_entry, property_detail_name, &property_detail_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_detail_name);

	zval property_kind_default_value;
	ZVAL_EMPTY_STRING(&property_kind_default_value);
	zend_string *property_kind_name = zend_string_init("kind", sizeof("kind") - 1, 1);
	zend_declare_typed_property(class_entry, property_kind_name, &property_kind_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_kind_name);

	zval property_recordId_default_value;
	ZVAL_EMPTY_STRING(&property_recordId_default_value);
	zend_string *property_recordId_name = zend_string_init("recordId", sizeof("recordId") - 1, 1);
	zend_declare_typed_property(class_entry, property_recordId_name, &property_recordId_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_recordId_name);

	return class_entry;
}

static zend_class_entry *register_class_QboSync_StoreException(zend_class_entry *class_entry_QboSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "QboSync", "StoreException", class_QboSync_StoreException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_QboSync_Exception);

	return class_entry;
}
