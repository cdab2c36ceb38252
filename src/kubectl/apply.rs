//! `kubectl apply|create -f FILE` on the page: the YAML panel is the file. The console's line
//! and kubectl's words around what the panel's reader ([`crate::manifest::reader`]) answers.

use super::usage::go_quote;

/// The name the YAML panel goes by in the console (`kubectl apply -f manifests.yaml`).
pub const PANEL_FILE: &str = "manifests.yaml";

/// A console line that applies a file: `apply -f FILE`, `create -f FILE` (`--filename`, `-f=FILE`
/// too). `None` for any other line; otherwise whether it creates, and kubectl's error for a file
/// that is not the panel's (the page adds, in the learner's language, that the panel is the file).
pub fn command(line: &str) -> Option<(bool, Result<(), String>)> {
    let words = shell_words::split(super::without_kubectl(line)).ok()?;
    let create = match words.first().map(String::as_str) {
        Some("apply") => false,
        // `create quota NAME`: a generator, not a file.
        Some("create") if matches!(words.get(1).map(String::as_str), Some("quota" | "resourcequota")) => return None,
        Some("create") => true,
        _ => return None,
    };
    let mut file = None;
    let mut rest = words[1..].iter();
    while let Some(w) = rest.next() {
        if let Some(v) = w.strip_prefix("--filename=").or_else(|| w.strip_prefix("-f=")) {
            file = Some(v.to_string());
        } else if w == "-f" || w == "--filename" {
            file = rest.next().cloned();
        }
    }
    let file = match file.as_deref() {
        None | Some("") => Err("error: must specify one of -f and -k".to_string()),
        Some(f) if f == PANEL_FILE => Ok(()),
        Some(f) => Err(format!("error: the path {f_q} does not exist", f_q = go_quote(f))),
    };
    Some((create, file))
}

/// kubectl's words for an object the server refused, with the file it came from:
/// `Error from server (AlreadyExists): error when creating "manifests.yaml": …`.
pub fn in_file(error: &str, file: &str, create: bool) -> String {
    let verb = if create { "creating" } else { "applying" };
    match error.strip_prefix("Error from server (").and_then(|r| r.split_once("): ")) {
        Some((reason, rest)) => {
            format!("Error from server ({reason}): error when {verb} {file_q}: {rest}", file_q = go_quote(file))
        }
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_is_the_only_file() {
        assert_eq!(command("kubectl apply -f manifests.yaml"), Some((false, Ok(()))));
        assert_eq!(command("create --filename=manifests.yaml"), Some((true, Ok(()))));
        assert_eq!(command("apply -f=manifests.yaml"), Some((false, Ok(()))));
        let (create, err) = command("kubectl apply -f deploy.yaml").unwrap();
        assert!(!create);
        assert!(err.unwrap_err().starts_with("error: the path \"deploy.yaml\" does not exist"));
        let (create, err) = command("kubectl create").unwrap();
        assert!(create);
        assert!(err.unwrap_err().starts_with("error: must specify one of -f and -k"));
        assert_eq!(command("kubectl get pods"), None);
        assert_eq!(command("kubectl set image deployment/http-go http-go=x"), None);
    }

    #[test]
    fn a_server_error_names_the_file() {
        assert_eq!(
            in_file("Error from server (AlreadyExists): deployments.apps \"http-go\" already exists", PANEL_FILE, true),
            "Error from server (AlreadyExists): error when creating \"manifests.yaml\": deployments.apps \"http-go\" already exists"
        );
        assert_eq!(in_file("The Service \"a\" is invalid: x", PANEL_FILE, false), "The Service \"a\" is invalid: x");
    }
}
