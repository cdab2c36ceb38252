//! Reading manifests: JSON or YAML (several documents allowed), `List`s flattened, and each
//! object parsed into the upstream API types with the path of any field that does not fit.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// One object of the input and where it came from (`items[2]`, `document 1`), for messages.
#[derive(Clone, Debug)]
pub struct Item {
    pub at: String,
    pub value: Value,
}

impl Item {
    pub fn kind(&self) -> &str {
        self.value.get("kind").and_then(Value::as_str).unwrap_or("")
    }

    pub fn api_version(&self) -> &str {
        self.value.get("apiVersion").and_then(Value::as_str).unwrap_or("")
    }

    pub fn name(&self) -> &str {
        self.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("")
    }
}

/// Reads every object of `text`: a JSON document, or YAML documents separated by `---`. `List`s
/// (`kind: List`, `DeploymentList`, …) are replaced by their items. `origin` names the input in
/// messages, as kubectl names the file.
pub fn items(text: &str, origin: &str) -> Result<Vec<Item>, String> {
    let documents = if text.trim_start().starts_with(['{', '[']) {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            format!("error parsing {origin}: line {}, column {}: {e}", e.line(), e.column())
                .replace(&format!(" at line {} column {}", e.line(), e.column()), "")
        })?;
        vec![value]
    } else {
        let mut documents = Vec::new();
        for document in serde_yaml_ng::Deserializer::from_str(text) {
            let value: Value = serde::Deserialize::deserialize(document).map_err(|e| yaml_error(origin, &e))?;
            if !value.is_null() {
                documents.push(value);
            }
        }
        documents
    };
    let many = documents.len() > 1;
    let mut out = Vec::new();
    for (i, value) in documents.into_iter().enumerate() {
        let at = if many { format!("document {}", i + 1) } else { String::new() };
        let is_list = value.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List"));
        match value {
            Value::Object(mut map) if is_list => {
                let Some(Value::Array(list)) = map.remove("items") else {
                    return Err(format!("error parsing {origin}: {}items: Required value", prefix(&at)));
                };
                for (j, item) in list.into_iter().enumerate() {
                    out.push(Item { at: format!("{}items[{j}]", prefix(&at)), value: item });
                }
            }
            Value::Object(_) => out.push(Item { at, value }),
            other => {
                let what = if other.is_array() { "a list" } else { "a scalar" };
                return Err(format!(
                    "error parsing {origin}: {}expected an object with apiVersion and kind, found {what}",
                    prefix(&at)
                ));
            }
        }
    }
    Ok(out)
}

fn prefix(at: &str) -> String {
    if at.is_empty() {
        String::new()
    } else {
        format!("{at}: ")
    }
}

fn yaml_error(origin: &str, e: &serde_yaml_ng::Error) -> String {
    match e.location() {
        // kubectl: "error converting YAML to JSON: yaml: line 3: mapping values are not allowed".
        Some(at) => format!("error parsing {origin}: yaml: line {}, column {}: {e}", at.line(), at.column())
            .replace(&format!(" at line {} column {}", at.line(), at.column()), ""),
        None => format!("error parsing {origin}: yaml: {e}"),
    }
}

/// Parses `item` into an API type. A value of the wrong type is an error naming its field
/// (`items[1].spec.replicas: invalid type: string "three", expected i32`); fields the type does
/// not have are returned, as kubectl's strict field validation reports them.
pub fn typed<T: DeserializeOwned>(item: &Item) -> Result<(T, Vec<String>), String> {
    let mut unknown = Vec::new();
    // A closure written here would be a type of its own for each `T`, and every type it reads a
    // copy of all the readers below it: a Deployment's, a ReplicaSet's and a Pod's PodSpec three
    // times over in the worker's bundle. Behind `dyn`, they share one.
    let mut note_unknown: &mut dyn FnMut(serde_ignored::Path<'_>) = &mut |path| unknown.push(field_path(&path));
    let de = serde_ignored::Deserializer::new(&item.value, &mut note_unknown);
    let parsed = serde_path_to_error::deserialize(de).map_err(|e| {
        let mut path: Vec<String> = Vec::new();
        if !item.at.is_empty() {
            path.push(item.at.clone());
        }
        let inner = e.path().to_string();
        if inner != "." {
            path.push(inner);
        }
        let message = e.into_inner().to_string();
        match path.is_empty() {
            true => message,
            false => format!("{}: {message}", path.join(".")),
        }
    })?;
    Ok((parsed, unknown))
}

/// Parses `item` as kubectl's default `--validate=strict` does: a field the type does not have
/// refuses the object (`strict decoding error: unknown field "spec.replica"`).
pub fn typed_strict<T: DeserializeOwned>(item: &Item) -> Result<T, String> {
    let (parsed, unknown) = typed(item)?;
    if unknown.is_empty() {
        return Ok(parsed);
    }
    let fields: Vec<String> = unknown.iter().map(|f| format!("unknown field {f:?}")).collect();
    Err(format!("strict decoding error: {}", fields.join(", ")))
}

/// A field path as Kubernetes writes it: `spec.template.spec.containers[0].image`.
fn field_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", field_path(parent)),
        Path::Map { parent, key } => {
            let parent = field_path(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => field_path(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::Deployment;

    #[test]
    fn a_list_is_flattened_and_yaml_documents_are_split() {
        let list = r#"{"apiVersion":"v1","kind":"List","items":[{"kind":"Deployment","metadata":{"name":"a"}},{"kind":"Pod"}]}"#;
        let got = items(list, "-").unwrap();
        assert_eq!(
            got.iter().map(|i| (i.at.as_str(), i.kind())).collect::<Vec<_>>(),
            [("items[0]", "Deployment"), ("items[1]", "Pod")]
        );
        assert_eq!(got[0].name(), "a");
        let yaml = "kind: Deployment\n---\n---\nkind: Service\n";
        let got = items(yaml, "x.yaml").unwrap();
        assert_eq!(
            got.iter().map(|i| (i.at.as_str(), i.kind())).collect::<Vec<_>>(),
            [("document 1", "Deployment"), ("document 2", "Service")]
        );
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let err = items("kind: Deployment\nspec:\n  replicas: 3\n   selector: {}\n", "web.yaml").unwrap_err();
        assert!(err.starts_with("error parsing web.yaml: yaml: line 4"), "{err}");
    }

    #[test]
    fn a_wrong_type_names_the_field_and_unknown_fields_are_listed() {
        let item = Item {
            at: "items[1]".into(),
            value: serde_json::json!({"kind": "Deployment", "spec": {"replicas": "three"}}),
        };
        let err = typed::<Deployment>(&item).unwrap_err();
        assert!(err.starts_with("items[1].spec.replicas: invalid type: string \"three\""), "{err}");
        let item = Item {
            at: String::new(),
            value: serde_json::json!({"kind": "Deployment", "spec": {"replica": 3, "template": {"spec": {"containers": [{"name": "a", "imagePullPolicyy": "Always"}]}}}}),
        };
        let (_, unknown) = typed::<Deployment>(&item).unwrap();
        assert_eq!(unknown, ["spec.replica", "spec.template.spec.containers[0].imagePullPolicyy"]);
    }
}
