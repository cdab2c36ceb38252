//! Field errors as the apiserver reports them (`k8s.io/apimachinery/pkg/util/validation/field`),
//! so that a learner reads the same words here as from `kubectl apply`. In the engine because its
//! own guard on a Deployment speaks them too; [`crate::k8s`] validates whole manifests with them.

use std::fmt;

/// What is wrong with a field (`field.ErrorType`), with the offending value where it has one,
/// already rendered as Go prints it (`0`, `"20Percent"`, `map[string]string{"app":"web"}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Required,
    Invalid(String),
    NotSupported {
        value: String,
        supported: Vec<&'static str>,
    },
    Duplicate(String),
    Forbidden,
    /// `field.TooLong` with its limit in bytes (the value is not printed).
    TooLong(usize),
    /// `field.TooMany`: how many there are and the most allowed.
    TooMany(usize, usize),
}

/// One `field.Error`: the path of the field, what is wrong, and the detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub kind: ErrorKind,
    pub detail: String,
}

impl FieldError {
    pub fn required(field: impl Into<String>, detail: impl Into<String>) -> Self {
        FieldError { field: field.into(), kind: ErrorKind::Required, detail: detail.into() }
    }

    pub fn invalid(field: impl Into<String>, value: impl Into<String>, detail: impl Into<String>) -> Self {
        FieldError { field: field.into(), kind: ErrorKind::Invalid(value.into()), detail: detail.into() }
    }

    pub fn not_supported(field: impl Into<String>, value: &str, supported: &[&'static str]) -> Self {
        let kind = ErrorKind::NotSupported { value: quote(value), supported: supported.to_vec() };
        FieldError { field: field.into(), kind, detail: String::new() }
    }

    pub fn duplicate(field: impl Into<String>, value: &str) -> Self {
        FieldError { field: field.into(), kind: ErrorKind::Duplicate(quote(value)), detail: String::new() }
    }

    pub fn forbidden(field: impl Into<String>, detail: impl Into<String>) -> Self {
        FieldError { field: field.into(), kind: ErrorKind::Forbidden, detail: detail.into() }
    }

    /// `field.TooMany(path, actual, max)`: "Too many: 17: must have at most 16 items".
    pub fn too_many(field: impl Into<String>, actual: usize, max: usize) -> Self {
        let unit = if max == 1 { "item" } else { "items" };
        FieldError {
            field: field.into(),
            kind: ErrorKind::TooMany(actual, max),
            detail: format!("must have at most {max} {unit}"),
        }
    }

    /// `field.TooLong(path, value, max)`: "Too long: may not be more than MAX bytes".
    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        let unit = if max == 1 { "byte" } else { "bytes" };
        FieldError {
            field: field.into(),
            kind: ErrorKind::TooLong(max),
            detail: format!("may not be more than {max} {unit}"),
        }
    }
}

/// `field.Error.Error()`: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.field)?;
        match &self.kind {
            ErrorKind::Required => f.write_str("Required value")?,
            ErrorKind::Forbidden => f.write_str("Forbidden")?,
            ErrorKind::TooLong(_) => f.write_str("Too long")?,
            ErrorKind::TooMany(actual, _) => write!(f, "Too many: {actual}")?,
            ErrorKind::Invalid(value) => write!(f, "Invalid value: {value}")?,
            ErrorKind::Duplicate(value) => write!(f, "Duplicate value: {value}")?,
            ErrorKind::NotSupported { value, supported } => {
                let list: Vec<String> = supported.iter().map(|s| quote(s)).collect();
                write!(f, "Unsupported value: {value}: supported values: {}", list.join(", "))?
            }
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// A string as Go's `%q` prints it.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() || is_format(c) => {
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A character Go's `strconv.IsPrint` refuses although it is not a control: the formatting
/// characters (zero-width and bidirectional ones among them) and every space but ASCII's.
fn is_format(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A string map as Go's `%#v` prints it: `map[string]string{"app":"web"}`.
pub fn go_map<'a>(map: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    let pairs: Vec<String> = map.into_iter().map(|(k, v)| format!("{}:{}", quote(k), quote(v))).collect();
    format!("map[string]string{{{}}}", pairs.join(", "))
}

/// The message kubectl prints when the apiserver refuses an object (`errors.NewInvalid` as
/// kubectl's `StandardErrorMessage` lays it out): one error on the same line, several as a list.
pub fn invalid_object_message(kind: &str, name: &str, errors: &[FieldError]) -> String {
    match errors {
        [one] => format!("The {kind} {} is invalid: {one}", quote(name)),
        many => {
            let mut out = format!("The {kind} {} is invalid: ", quote(name));
            for e in many {
                out.push_str("\n* ");
                out.push_str(&e.to_string());
            }
            out
        }
    }
}

/// `ValidateNonnegativeField`.
pub fn nonnegative(value: i64, field: &str, errors: &mut Vec<FieldError>) {
    if value < 0 {
        errors.push(FieldError::invalid(field, value.to_string(), "must be greater than or equal to 0"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_the_apiserver_writes_them() {
        let e =
            FieldError::invalid("spec.strategy.rollingUpdate.maxUnavailable", "0", "may not be 0 when `maxSurge` is 0");
        assert_eq!(
            e.to_string(),
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
        );
        assert_eq!(FieldError::required("spec.selector", "").to_string(), "spec.selector: Required value");
        assert_eq!(
            FieldError::not_supported("spec.template.spec.restartPolicy", "Never", &["Always"]).to_string(),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        );
    }

    #[test]
    fn one_error_stays_on_one_line_and_several_become_a_list() {
        let a = FieldError::required("spec.selector", "");
        let b = FieldError::required("spec.template.spec.containers", "");
        assert_eq!(
            invalid_object_message("Deployment", "web", std::slice::from_ref(&a)),
            "The Deployment \"web\" is invalid: spec.selector: Required value"
        );
        assert_eq!(
            invalid_object_message("Deployment", "web", &[a, b]),
            "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.spec.containers: Required value"
        );
    }
}
