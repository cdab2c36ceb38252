//! What kubectl prints by itself, before it asks the apiserver anything: its usage, and its
//! answers to a command it does not have or a `get` without a resource. Copied from kubectl 1.37
//! (the version the project pins, `.ci/setup`), and compared with that kubectl's own output by
//! `tests/console/real_kubectl.rs`.

/// `kubectl`, `kubectl --help` and `kubectl -h`: the root command's usage (kubectl 1.37.1).
pub const ROOT_USAGE: &str = include_str!("usage-1.37.txt");

/// `kubectl get` without a resource type (`cmd/get/get.go`, `RequireNoArguments` aside).
pub const GET_WITHOUT_RESOURCE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" \
for a complete list of supported resources.\n\n\
error: Required resource not specified.\n\
Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n\
See 'kubectl get -h' for help and examples";

/// `kubectl rollout` and `kubectl rollout --help` (kubectl 1.37.1).
pub const ROLLOUT_USAGE: &str = include_str!("rollout-usage-1.37.txt");

/// `kubectl set` and `kubectl set --help` (kubectl 1.37.1).
pub const SET_USAGE: &str = include_str!("set-usage-1.37.txt");

/// A command that takes resources given none (`set image`, `scale --replicas=3`, `delete`):
/// `resource.Builder`'s `ErrNoResources`, as kubectl's `CheckErr` prints it.
pub const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\n\
Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// A flag whose value does not parse as its type (cobra's message, and kubectl's hint).
pub fn invalid_flag_value(command: &str, flag: &str, value: &str) -> String {
    let v = go_quote(value);
    format!(
        "error: invalid argument {v} for {} flag: strconv.ParseInt: parsing {v}: invalid syntax\n\
         See 'kubectl {command} --help' for usage.",
        go_quote(flag)
    )
}

/// A group command (`rollout`, `set`) given a subcommand it does not have: kubectl's
/// `DefaultSubCommandRun` names every word it was given.
pub fn unknown_subcommand(group: &str, args: &[&str]) -> String {
    format!("error: unknown command {}\nSee 'kubectl {group} -h' for help and examples", go_quote(&args.join(" ")))
}

/// kubectl's commands in the order it adds them (`NewKubectlCommand`; kubectl turns cobra's
/// sorting off), the ones cobra may suggest: every available command but `help`.
const COMMANDS: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "api-resources",
    "api-versions",
    "config",
    "plugin",
    "version",
    "options",
    "kuberc",
];

/// `error: unknown command "X" for "kubectl"`, with cobra's "Did you mean this?" list: the
/// commands within a Levenshtein distance of 2 of `typed` or starting with it, case ignored
/// (`Command.SuggestionsFor`, `SuggestionsMinimumDistance` 2).
pub fn unknown_command(typed: &str) -> String {
    let lower = typed.to_lowercase();
    let suggestions: Vec<&str> =
        COMMANDS.iter().copied().filter(|c| levenshtein(&lower, c) <= 2 || c.starts_with(&lower)).collect();
    let mut out = format!("error: unknown command {} for \"kubectl\"", go_quote(typed));
    if !suggestions.is_empty() {
        out.push_str("\n\nDid you mean this?\n");
        for s in suggestions {
            out.push('\t');
            out.push_str(s);
            out.push('\n');
        }
        // kubectl's CheckErr trims the message's last line break.
        out.pop();
    }
    out
}

/// Go's `%q` of a string, as kubectl's messages print what was typed.
pub use crate::sim::field::quote as go_quote;

/// cobra's `ld`: the edit distance of two strings, by characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_as_cobra_does() {
        assert_eq!(
            unknown_command("rolout"),
            "error: unknown command \"rolout\" for \"kubectl\"\n\nDid you mean this?\n\trollout"
        );
        assert_eq!(
            unknown_command("ge"),
            "error: unknown command \"ge\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n\tcp"
        );
        assert_eq!(unknown_command("rolling-update"), "error: unknown command \"rolling-update\" for \"kubectl\"");
        assert!(unknown_command("Rollout").ends_with("\n\trollout"));
    }

    #[test]
    fn quotes_as_go_does() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("x\u{202e}y\u{1b}"), r#""x\u202ey\x1b""#);
    }
}
