//! The TypeScript text of the description: interfaces, aliases and unions, with their docs
//! as JSDoc comments wrapped at 100 columns.

use std::fmt::Write;

use super::{Decl, Field, Shape, Ty};

const WIDTH: usize = 100;

/// The text of `decls`, one blank line between declarations.
pub fn render(decls: &[Decl]) -> String {
    let parts: Vec<String> = decls.iter().map(decl).collect();
    parts.join("\n")
}

fn decl(d: &Decl) -> String {
    match d {
        Decl::Interface(s) => interface(s),
        Decl::Alias { name, doc, ty } => alias(name, doc, ty),
        Decl::Union {
            name,
            doc,
            tag,
            variants,
        } => union(name, doc, tag, variants),
        Decl::Text(text) => text.to_string(),
    }
}

/// `/** doc */` at `indent`, wrapped.
fn comment(out: &mut String, doc: &str, indent: usize) {
    if doc.is_empty() {
        return;
    }
    let pad = " ".repeat(indent);
    let mut line = format!("{pad}/**");
    let mut first = true;
    for word in doc.split(' ') {
        if !first && line.len() + 1 + word.len() + 3 > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = format!("{pad} * ");
            line.push_str(word);
        } else {
            line.push(' ');
            line.push_str(word);
        }
        first = false;
    }
    out.push_str(&line);
    out.push_str(" */\n");
}

/// A field's doc with its default: "Most undo steps kept (default 500).", or "... Default:
/// 500." after a doc of several sentences.
fn field_doc(f: &Field) -> String {
    match f.default {
        None => f.doc.to_owned(),
        Some(d) if f.doc.is_empty() => format!("Default {d}."),
        Some(d) => match f.doc.strip_suffix('.') {
            Some(body) if !body.contains(". ") => format!("{body} (default {d})."),
            _ => format!("{} Default {d}.", f.doc),
        },
    }
}

fn interface(s: &Shape) -> String {
    let mut out = String::new();
    comment(&mut out, s.doc, 0);
    let _ = write!(out, "export interface {}", s.name);
    if !s.extends.is_empty() {
        let _ = write!(out, " extends {}", s.extends.join(", "));
    }
    out.push_str(" {\n");
    members(&mut out, s, 2);
    out.push_str("}\n");
    out
}

/// The fields of `s`, one a line at `indent`, each with its doc; objects declared in place
/// that would make a line too long are laid out one field a line.
fn members(out: &mut String, s: &Shape, indent: usize) {
    let pad = " ".repeat(indent);
    for f in s.fields {
        comment(out, &field_doc(f), indent);
        let q = if s.required(f) { "" } else { "?" };
        let mut line = format!("{pad}{}{q}: {};", f.name, ty(&f.ty, indent));
        if line.len() > WIDTH {
            line = format!("{pad}{}{q}: {};", f.name, render_ty(&f.ty, indent, true));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(rest) = &s.rest {
        let _ = writeln!(out, "{pad}[key: string]: {};", ty(rest, indent));
    }
}

fn alias(name: &str, doc: &str, t: &Ty) -> String {
    let mut out = String::new();
    comment(&mut out, doc, 0);
    let text = ty(t, 0);
    let one = format!("export type {name} = {text};");
    if one.len() <= WIDTH {
        out.push_str(&one);
        out.push('\n');
        return out;
    }
    let _ = writeln!(out, "export type {name} =");
    let items: Vec<String> = match t {
        Ty::Or(ts) => ts.iter().map(|t| ty(t, 2)).collect(),
        Ty::Choice(cs) => cs.iter().map(|c| format!("\"{c}\"")).collect(),
        _ => vec![text],
    };
    let mut line = String::from("  |");
    for (i, item) in items.iter().enumerate() {
        let piece = if i == 0 {
            format!(" {item}")
        } else {
            format!(" | {item}")
        };
        if line.len() > 3 && line.len() + piece.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = format!("  | {item}");
        } else {
            line.push_str(&piece);
        }
    }
    out.push_str(&line);
    out.push_str(";\n");
    out
}

fn union(name: &str, doc: &str, tag: &str, variants: &[Shape]) -> String {
    let mut out = String::new();
    comment(&mut out, doc, 0);
    let _ = writeln!(out, "export type {name} =");
    for v in variants {
        comment(&mut out, v.doc, 2);
        let head = format!("{tag}: \"{}\"", v.name);
        let mut parts = vec![head];
        parts.extend(v.fields.iter().map(|f| field_inline(v, f, 6)));
        let own = wrapped_object(&parts, 4);
        let body = if v.extends.is_empty() {
            own
        } else {
            format!("({own} & {})", v.extends.join(" & "))
        };
        let _ = writeln!(out, "  | {body}");
    }
    out.pop();
    out.push_str(";\n");
    out
}

/// `{ a; b; c }`, wrapped at the width with continuation lines at `indent + 2`.
fn wrapped_object(parts: &[String], indent: usize) -> String {
    let mut out = String::from("{");
    let mut line_len = indent + 1;
    for (i, p) in parts.iter().enumerate() {
        let sep = if i + 1 == parts.len() { " }" } else { ";" };
        let piece = format!(" {p}{sep}");
        if line_len + piece.len() > WIDTH && i > 0 {
            let pad = " ".repeat(indent + 2);
            let _ = write!(out, "\n{pad}{}", piece.trim_start());
            line_len = indent + 2 + piece.len() - 1;
        } else {
            out.push_str(&piece);
            line_len += piece.len();
        }
    }
    out
}

fn field_inline(s: &Shape, f: &Field, indent: usize) -> String {
    let q = if s.required(f) { "" } else { "?" };
    format!("{}{q}: {}", f.name, ty(&f.ty, indent))
}

/// Whether a rendered type needs parentheses before `[]`.
fn is_union(t: &Ty) -> bool {
    match t {
        Ty::Or(ts) => ts.len() > 1,
        Ty::Choice(cs) => cs.len() > 1,
        _ => false,
    }
}

/// The TypeScript of a type; objects declared in place are laid out at `indent`.
pub fn ty(t: &Ty, indent: usize) -> String {
    render_ty(t, indent, false)
}

/// `broken`: objects declared in place one field a line.
fn render_ty(t: &Ty, indent: usize, broken: bool) -> String {
    let each = |ts: &[Ty], sep: &str| {
        ts.iter()
            .map(|t| render_ty(t, indent, broken))
            .collect::<Vec<_>>()
            .join(sep)
    };
    match t {
        Ty::Str => "string".into(),
        Ty::Num => "number".into(),
        Ty::Bool => "boolean".into(),
        Ty::Null => "null".into(),
        Ty::Unknown => "unknown".into(),
        Ty::Never => "never".into(),
        Ty::Object => "object".into(),
        Ty::Choice(cs) => cs
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::Ref(name) => (*name).to_owned(),
        Ty::Arr(item) if is_union(item) => format!("({})[]", render_ty(item, indent, broken)),
        Ty::Arr(item) => format!("{}[]", render_ty(item, indent, broken)),
        Ty::Map(item) => format!("Record<string, {}>", render_ty(item, indent, broken)),
        Ty::Tuple(items) => format!("[{}]", each(items, ", ")),
        Ty::Or(ts) => each(ts, " | "),
        Ty::Obj(s) => object(s, indent, broken),
    }
}

/// An object declared in place: on one line, or one field a line when a field has a doc (or
/// `broken`).
fn object(s: &Shape, indent: usize, broken: bool) -> String {
    let documented = s
        .fields
        .iter()
        .any(|f| !f.doc.is_empty() || f.default.is_some());
    if !documented && !broken {
        if s.fields.is_empty() && s.rest.is_none() {
            return "{}".into();
        }
        let mut parts: Vec<String> = s
            .fields
            .iter()
            .map(|f| field_inline(s, f, indent))
            .collect();
        if let Some(rest) = &s.rest {
            parts.push(format!("[key: string]: {}", ty(rest, indent)));
        }
        return format!("{{ {} }}", parts.join("; "));
    }
    let mut out = String::from("{\n");
    members(&mut out, s, indent + 2);
    out.push_str(&" ".repeat(indent));
    out.push('}');
    out
}
