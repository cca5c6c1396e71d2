//! The variable types of SOPS's library (`custom_type`, variables-spec §1.5) and BKFlow's: the
//! form (`source_tag`) each is edited with, the value an empty form gives, and the
//! `validation` a new variable of the type gets.

use crate::json::{self, Value};

/// A variable type.
pub struct VariableType {
    /// `custom_type`.
    pub code: &'static str,
    /// `source_tag`: `<form>.<tag>`.
    pub source_tag: &'static str,
    /// The value of an empty form, as JSON text.
    pub default: &'static str,
    /// The `validation` pattern a new variable gets.
    pub validation: &'static str,
    /// The value is the type's configuration (`is_meta`: select, datatable).
    pub meta: bool,
}

const fn t(code: &'static str, source_tag: &'static str, default: &'static str) -> VariableType {
    VariableType {
        code,
        source_tag,
        default,
        validation: "",
        meta: false,
    }
}

/// The types, SOPS's first, then BKFlow's own.
pub const TYPES: &[VariableType] = &[
    VariableType {
        validation: "^.+$",
        ..t("input", "input.input", "\"\"")
    },
    VariableType {
        validation: "^[\\s\\S]+$",
        ..t("textarea", "textarea.textarea", "\"\"")
    },
    t("datetime", "datetime.datetime", "\"\""),
    t("date", "date.date", "\"\""),
    t("int", "int.int", "0"),
    t("password", "password.password", "\"\""),
    t("time", "time.time", "\"\""),
    t(
        "format_support_datetime",
        "format_support_datetime.format_support_datetime",
        r#"{"datetime": "", "datetime_format": "%Y-%m-%d %H:%M:%S"}"#,
    ),
    t(
        "bk_user_selector",
        "bk_manage_user_selector.bk_user_selector",
        "\"\"",
    ),
    t(
        "set_filter_selector",
        "var_set_filter_selector.set_filter_selector",
        r#"{"bk_obj_id": "", "bk_obj_value": ""}"#,
    ),
    t(
        "current_time",
        "current_time.current_time",
        r#"{"time_unit": ["year", "month", "day", "hour", "minute", "second"], "time_zone": "Asia/Shanghai"}"#,
    ),
    t(
        "format_support_current_time",
        "format_support_current_time.format_support_current_time",
        r#"{"time_format": "%Y-%m-%d %H:%M:%S", "time_zone": "Asia/Shanghai"}"#,
    ),
    t(
        "staff_group_selector",
        "staff_group_multi_selector.staff_group_selector",
        "[]",
    ),
    t(
        "ip_selector",
        "var_cmdb_ip_selector.ip_selector",
        r#"{"selectors": ["ip"], "topo": [], "ip": [], "filters": [], "excludes": [], "with_cloud_id": false, "separator": ","}"#,
    ),
    t("attribute_query", "var_cmdb_attr_query.attr_query", "\"\""),
    t(
        "ip_filter",
        "var_cmdb_ip_filter.ip_filter",
        r#"{"origin_ips": "", "gse_agent_status": 1, "ip_cloud": true, "ip_separator": ","}"#,
    ),
    t(
        "set_group_selector",
        "var_set_group_selector.set_group_selector",
        "\"\"",
    ),
    t(
        "set_module_selector",
        "var_set_module_selector.set_module_selector",
        r#"{"bk_set_id": "", "bk_module_id": []}"#,
    ),
    VariableType {
        meta: true,
        ..t(
            "select",
            "select.select",
            r#"{"datasource": "0", "items_text": "", "type": "0", "default": ""}"#,
        )
    },
    VariableType {
        meta: true,
        ..t(
            "text_value_select",
            "select.select",
            r#"{"datasource": "0", "items_text": "", "type": "0", "default": ""}"#,
        )
    },
    VariableType {
        meta: true,
        ..t(
            "datatable",
            "datatable.datatable",
            r#"{"columns_text": "", "default_text": ""}"#,
        )
    },
    t("datetime_range", "datetime_range.datetime_range", "[]"),
    t("json_variable", "json_variable.json_variable", "\"\""),
];

/// The type with this `custom_type`.
pub fn find(code: &str) -> Option<&'static VariableType> {
    TYPES.iter().find(|t| t.code == code)
}

impl VariableType {
    /// The value of an empty form.
    pub fn default_value(&self) -> Value {
        json::parse(self.default, &Default::default()).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_default_is_json() {
        for t in super::TYPES {
            assert!(
                crate::json::parse(t.default, &Default::default()).is_ok(),
                "{}",
                t.code
            );
        }
    }
}
