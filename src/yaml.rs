//! JSON values written as block YAML, the way the course's manifests and scenario files are
//! written: what the page exports (a scenario file, the manifests of a script for a real cluster)
//! and what `rolloutscope export` prints.
//!
//! Writing is the easy half of YAML, and the page cannot afford a YAML library's reader (it would
//! add about a sixth to the download) for it. Every string that a plain scalar could misread (a
//! number, `true`, `null`, `": "`, a leading `-` or `*`, …) is written double-quoted with JSON's
//! escapes, which YAML reads the same way; the tests read what is written back with the real YAML
//! reader and find the same value. A long string value is folded as kubectl's YAML writer
//! (go-yaml's emitter, `best_width` 80) folds it: at the first space after the 80th column, the
//! rest on the next line, two spaces deeper than its key or dash (YAML reads the line break
//! back as the space it replaced).

use serde_json::Value;

/// `value` as a YAML document: block style, two-space indents, a list under a key at the key's
/// indent and keys in alphabetical order (serde_json's maps are sorted), as kubectl writes it.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => seq(&mut out, a, 0),
        other => {
            folded(&mut out, &scalar(other), 2);
            out.push('\n');
        }
    }
    out
}

/// The best width of go-yaml's emitter (`yaml_emitter_emit_stream_start`: 80).
const BEST_WIDTH: usize = 80;

/// Writes a scalar as it is written (plain, or double-quoted with JSON's escapes), folded as
/// go-yaml's `yaml_emitter_write_plain_scalar` and `yaml_emitter_write_double_quoted_scalar`
/// fold: at a space (the first of a run; in a quoted string, not its first or last character)
/// when the line is already longer than [`BEST_WIDTH`] and, for a plain scalar, the next
/// character is no space, the line breaks and goes on at `indent` (a quoted string's next
/// space is then escaped, `\ `, so that it is kept).
fn folded(out: &mut String, text: &str, indent: usize) {
    let mut column = out.rsplit('\n').next().map_or(0, |l| l.chars().count());
    let quoted = text.len() >= 2 && text.starts_with('"');
    let chars: Vec<char> = text.chars().collect();
    let mut spaces = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next_space = chars.get(i + 1) == Some(&' ');
        let inner = !quoted || (i > 1 && i + 2 < chars.len());
        if c == ' ' && !spaces && column > BEST_WIDTH && inner && (quoted || !next_space) {
            out.push('\n');
            self::indent(out, indent);
            column = indent;
            if quoted && next_space {
                out.push('\\');
                column += 1;
            }
        } else {
            out.push(c);
            column += 1;
        }
        spaces = c == ' ';
        i += 1;
    }
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn map(out: &mut String, m: &serde_json::Map<String, Value>, depth: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        // The first key of a map inside a list goes on the dash's line.
        if i > 0 || !out.ends_with("- ") {
            indent(out, depth);
        }
        out.push_str(&string(k));
        out.push(':');
        value_after_key(out, v, depth);
    }
}

fn seq(out: &mut String, a: &[Value], depth: usize) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            indent(out, depth);
        }
        out.push_str("- ");
        match v {
            Value::Object(m) if !m.is_empty() => map(out, m, depth + 2),
            Value::Array(a) if !a.is_empty() => seq(out, a, depth + 2),
            other => {
                folded(out, &scalar(other), depth + 2);
                out.push('\n');
            }
        }
    }
}

fn value_after_key(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            map(out, m, depth + 2);
        }
        // A list under a key sits at the key's indent, as kubectl writes it.
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            seq(out, a, depth);
        }
        other => {
            out.push(' ');
            folded(out, &scalar(other), depth + 2);
            out.push('\n');
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string as a plain scalar when YAML reads it back as that same string, else double-quoted.
fn string(s: &str) -> String {
    if plain(s) {
        s.to_string()
    } else {
        // JSON's string escapes are YAML's double-quoted escapes.
        Value::String(s.to_string()).to_string()
    }
}

fn plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let last = s.chars().next_back().unwrap_or(first);
    let special_start = "-?:,[]{}#&*!|>'\"%@`~=";
    // What could be read as a number in any YAML version's forms (`1e3`, `0x1F`, `1:30`, `.inf`)
    // is made of these, with one dot at most; `30s`, `25%` and an IP address (`10.96.0.10`, which
    // kubectl writes plain) are not, and stay plain.
    let number = (first.is_ascii_digit() || matches!(first, '+' | '.'))
        && s.chars().all(|c| "0123456789+-._:eExXoObBaAcCdDfFiInN".contains(c))
        && s.matches('.').count() <= 1;
    let word =
        matches!(s.to_ascii_lowercase().as_str(), "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n");
    // YAML 1.1 reads `2026-12-04` and `2026-12-04T10:00:00Z` as timestamps (kubectl quotes a
    // `restartedAt`): a year, a dash and a digit is enough to quote.
    let b = s.as_bytes();
    let timestamp = b.len() >= 6 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5].is_ascii_digit();
    !special_start.contains(first)
        && !number
        && !timestamp
        && !word
        && !first.is_whitespace()
        && !last.is_whitespace()
        && last != ':'
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains('\t')
        && s.chars().all(|c| !c.is_control() && c != '\u{feff}' && c != '\u{85}' && c != '\u{2028}' && c != '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_manifests_as_kubectl_does() {
        let v = json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "http-go", "labels": {"app": "http-go"}},
            "spec": {
                "replicas": 4,
                "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
                "template": {"spec": {"containers": [
                    {"name": "http-go", "image": "gasbugs/http-go:v1", "ports": [{"containerPort": 8080}]}
                ]}},
                "empty": {}, "none": []
            }
        });
        // Keys in alphabetical order, as `kubectl get -o yaml` writes them.
        let expected = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: http-go
  name: http-go
spec:
  empty: {}
  none: []
  replicas: 4
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    spec:
      containers:
      - image: gasbugs/http-go:v1
        name: http-go
        ports:
        - containerPort: 8080
";
        assert_eq!(to_string(&v), expected);
    }

    /// What kubectl 1.37 wrote for a GatewayClass's condition (`tests/console/serve.rs` compares
    /// the console's `-o yaml` with it): folded at the first space past column 80, the rest two
    /// spaces deeper than the key; read back, the same string.
    #[test]
    fn folds_a_long_string_as_kubectl_does() {
        let message = "The simulator (RolloutScope) acts as the controller of every GatewayClass; here as gateway.envoyproxy.io/gatewayclass-controller";
        let v = json!({"status": {"conditions": [{"message": message, "type": "Accepted"}]}});
        let expected = "\
status:
  conditions:
  - message: The simulator (RolloutScope) acts as the controller of every GatewayClass;
      here as gateway.envoyproxy.io/gatewayclass-controller
    type: Accepted
";
        let written = to_string(&v);
        assert_eq!(written, expected);
        assert_eq!(serde_yaml_ng::from_str::<Value>(&written).unwrap(), v);
        // A quoted string folds too, a space after the break escaped so that it is kept.
        let quoted = json!({"k": format!("- {}  two spaces", "word ".repeat(20))});
        let written = to_string(&quoted);
        assert!(written.lines().count() > 1, "{written}");
        assert_eq!(serde_yaml_ng::from_str::<Value>(&written).unwrap(), quoted);
        // An address is no number: kubectl writes it plain.
        assert_eq!(to_string(&json!({"value": "10.101.108.194"})), "value: 10.101.108.194\n");
    }

    #[test]
    fn quotes_what_a_plain_scalar_would_misread() {
        for s in [
            "",
            "true",
            "No",
            "null",
            "1.5",
            "0x1F",
            "1:30",
            ".inf",
            "1e3",
            "- a",
            "a: b",
            "a #b",
            " x",
            "x ",
            "*ref",
            "2026-12-04",
            "1970-01-01T00:00:30Z",
        ] {
            assert!(to_string(&json!(s)).starts_with('"'), "{s:?}");
        }
        for s in
            ["gasbugs/http-go:v2", "set image deployment/http-go http-go=gasbugs/http-go:v2", "node-2", "30s", "25%"]
        {
            assert_eq!(to_string(&json!(s)), format!("{s}\n"));
        }
    }
}
