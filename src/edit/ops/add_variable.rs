//! `addVariable`: a new global variable, as SOPS's variable panel creates it
//! (variables-spec §1.2, §2.1): the draft of its type (`custom_type`, default `input`) with
//! the given fields, added at the end of `constants`. Its `index` is the next one, or the one
//! given (the variables from there move down one), so indexes stay `0..n-1` (Q1 not copied).
//! Result: `{key}`.

use super::super::defaults::{num, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::variables::{check_name, display_order, new_key, next_index, renumber};
use crate::json::{Object, Value};
use crate::shape::{opt, req, Ty, MAP, NUM, STR};
use crate::variables::types;

operation! {
    /// A new global variable.
    AddVariable = "addVariable" {
        key: String = str("key"),
        name: Option<String> = opt_str("name"),
        custom_type: Option<String> = opt_str("custom_type"),
        value: Option<Value> = value("value"),
        show_type: Option<String> = opt_str("show_type"),
        desc: Option<String> = opt_str("desc"),
        validation: Option<String> = opt_str("validation"),
        index: Option<usize> = opt_position("index"),
        fields: Object = opt_object("fields"),
    }
    shape(
        "A new global variable (SOPS's variable panel): the draft of its type with these fields.",
        &[
            req("key", STR, "`name` or `${name}`."),
            opt("name", STR, "Display name (default: the key's name)."),
            opt("custom_type", STR, "The variable type (default `input`).")
                .default("\"input\""),
            opt("value", Ty::Unknown, "Default value (default: the type's empty value)."),
            opt("show_type", Ty::Choice(&["show", "hide"], ), "`show`: a task parameter.")
                .default("\"show\""),
            opt("desc", STR, ""),
            opt("validation", STR, "A regular expression the value must match."),
            opt("index", NUM, "Its place in the list (default: last)."),
            opt("fields", MAP, "Any other fields of the variable."),
        ],
    )
}

impl AddVariable {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        if tx.tree().format() == crate::model::TreeFormat::Engine {
            return Err(EditError::new(
                "engine-format",
                "a tree in bamboo-engine's format keeps its variables in data.inputs, not constants",
                "引擎格式的流程树变量在 data.inputs 中，不在 constants 中",
            ));
        }
        let key = new_key(tx.tree(), &self.key)?;
        let name = match &self.name {
            Some(n) => check_name(n)?,
            None => crate::variables::key_name(&key).to_owned(),
        };
        if let Some(show) = &self.show_type {
            if !matches!(show.as_str(), "show" | "hide") {
                return Err(EditError::new(
                    "invalid-op",
                    format!("show_type must be \"show\" or \"hide\", not {show:?}"),
                    format!("show_type 须为 \"show\" 或 \"hide\"，不能是 {show:?}"),
                ));
            }
        }
        let custom_type = self.custom_type.as_deref().unwrap_or("input");
        let kind = types::find(custom_type);
        let order = display_order(tx.tree());
        let index = match self.index {
            Some(i) => i.min(order.len()),
            None => next_index(tx.tree()) as usize,
        };
        let form_schema = if custom_type == "input" {
            obj(vec![
                ("type", s("input")),
                (
                    "attrs",
                    obj(vec![
                        ("name", s("输入框")),
                        ("hookable", Value::Bool(true)),
                        ("validation", Value::Array(Vec::new())),
                    ]),
                ),
            ])
        } else {
            Value::Object(Object::new())
        };
        let value = match &self.value {
            Some(v) => v.clone(),
            None => kind.map_or(s(""), types::VariableType::default_value),
        };
        let validation = self
            .validation
            .clone()
            .unwrap_or_else(|| kind.map_or("", |t| t.validation).to_owned());
        let source_tag = kind.map_or_else(
            || format!("{custom_type}.{custom_type}"),
            |t| t.source_tag.to_owned(),
        );
        let mut entries = vec![
            ("custom_type", s(custom_type)),
            ("desc", s(self.desc.as_deref().unwrap_or(""))),
            ("form_schema", form_schema),
            ("index", num(index as f64)),
            ("key", s(&key)),
            ("name", s(&name)),
            ("show_type", s(self.show_type.as_deref().unwrap_or("show"))),
            ("source_info", Value::Object(Object::new())),
            ("source_tag", s(&source_tag)),
            ("source_type", s("custom")),
            ("validation", s(&validation)),
            ("is_condition_hide", s("false")),
            ("pre_render_mako", Value::Bool(false)),
            ("value", value),
            ("version", s("legacy")),
        ];
        if kind.is_some_and(|t| t.meta) {
            entries.push(("is_meta", Value::Bool(true)));
        }
        let Value::Object(mut variable) = obj(entries) else {
            unreachable!("obj gives an object")
        };
        for (field, v) in self.fields.iter() {
            if field != "key" && field != "index" {
                variable.insert(field, v.clone());
            }
        }
        // the variables from `index` on move down one
        let mut order = order;
        if index < order.len() {
            order.insert(index, key.clone());
            tx.ensure_object(&[], "constants")?;
            tx.put(&[k("constants")], &key, Value::Object(variable))?;
            renumber(tx, &order)?;
        } else {
            tx.ensure_object(&[], "constants")?;
            tx.put(&[k("constants")], &key, Value::Object(variable))?;
        }
        let mut out = Object::new();
        out.insert("key", s(&key));
        Ok(out)
    }
}
