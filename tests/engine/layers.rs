//! Web crates stay at the edge. The engine (src/sim) and the page's logic (src/page) do not even
//! mention one: the page and the command-line tool share them, and native tests can only vouch
//! for code that runs the same way natively. In the whole crate, only the views (src/ui) and the
//! two entry points (src/main.rs, src/worker.rs) name a web crate in code.

use std::fs;
use std::path::{Path, PathBuf};

/// The web crates, as code names them (a crate's path) and as text may (its package name).
const FORBIDDEN: [&str; 8] = ["yew", "web_sys", "web-sys", "gloo", "wasm_bindgen", "wasm-bindgen", "js_sys", "js-sys"];

/// Where a web crate may be named: the views and the two binaries' entry points.
const WEB_EDGE: [&str; 3] = ["src/ui/", "src/main.rs", "src/worker.rs"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The forbidden names a text mentions, case-insensitively, anywhere (code, comments, strings).
fn mentions(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    FORBIDDEN.iter().copied().filter(|name| lower.contains(name)).collect()
}

/// The web crates code names: a path into one (`yew::`, `gloo_timers::`, `wasm_bindgen_futures::`),
/// an attribute (`#[wasm_bindgen]`) or `extern crate`. Words in comments (`the Yew app`) are not.
fn names_in_code(text: &str) -> Vec<String> {
    let crates = ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"];
    let mut found = Vec::new();
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic() || c == '_') {
        let word_start = offset + start;
        let len = rest[start..].find(|c: char| !is_ident(c)).unwrap_or(rest.len() - start);
        let word = &text[word_start..word_start + len];
        let before = text[..word_start].trim_end();
        let after = &text[word_start + len..];
        let names_crate = crates.iter().any(|c| word == *c || word.starts_with(&format!("{c}_")));
        if names_crate && (after.starts_with("::") || before.ends_with("#[") || before.ends_with("extern crate")) {
            found.push(word.to_string());
        }
        offset = word_start + len;
        rest = &text[offset..];
    }
    found
}

/// `file`'s path from the crate's root, with `/` between its parts.
fn relative(file: &Path) -> String {
    file.strip_prefix(root()).unwrap_or(file).to_string_lossy().replace('\\', "/")
}

fn assert_mentions_none(dir: &str) {
    let mut files = Vec::new();
    rust_files(&root().join(dir), &mut files);
    assert!(files.len() >= 3, "expected the files under {dir}");
    let offenders: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let found = mentions(&fs::read_to_string(f).expect("utf-8 source"));
            (!found.is_empty()).then(|| format!("{}: {}", relative(f), found.join(", ")))
        })
        .collect();
    assert!(offenders.is_empty(), "{dir} must not mention a web crate, but:\n{}", offenders.join("\n"));
}

#[test]
fn no_file_under_src_sim_mentions_a_web_crate() {
    assert_mentions_none("src/sim");
}

#[test]
fn no_file_under_src_page_mentions_a_web_crate() {
    assert_mentions_none("src/page");
}

#[test]
fn only_the_views_and_the_entry_points_name_a_web_crate() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let (mut at_the_edge, mut offenders) = (0, Vec::new());
    for file in &files {
        let path = relative(file);
        let named = names_in_code(&fs::read_to_string(file).expect("utf-8 source"));
        if WEB_EDGE.iter().any(|edge| path.starts_with(edge)) {
            at_the_edge += usize::from(!named.is_empty());
        } else if !named.is_empty() {
            offenders.push(format!("{path}: {}", named.join(", ")));
        }
    }
    assert!(
        offenders.is_empty(),
        "only src/ui, src/main.rs and src/worker.rs may name a web crate, but:\n{}",
        offenders.join("\n")
    );
    // The check sees them where they are.
    assert!(at_the_edge >= 3, "{at_the_edge} files of src/ui and src/worker.rs name a web crate");
}

#[test]
fn the_checks_themselves_catch_each_name() {
    assert_eq!(mentions("use yew::prelude::*;"), ["yew"]);
    assert_eq!(mentions("web_sys::window()"), ["web_sys"]);
    assert_eq!(mentions("# web-sys"), ["web-sys"]);
    assert_eq!(mentions("gloo_timers::callback"), ["gloo"]);
    assert_eq!(mentions("#[Wasm_Bindgen]"), ["wasm_bindgen"]);
    assert_eq!(mentions("js_sys::Date"), ["js_sys"]);
    assert!(mentions("let world = World::new(1);").is_empty());
    assert_eq!(names_in_code("use yew::prelude::*;"), ["yew"]);
    assert_eq!(names_in_code("let t = gloo_timers::callback::Interval::new(1, f);"), ["gloo_timers"]);
    assert_eq!(names_in_code("#[wasm_bindgen]\npub fn f() {}"), ["wasm_bindgen"]);
    assert_eq!(names_in_code("use web_sys::{js_sys, Worker};"), ["web_sys"]);
    assert_eq!(names_in_code("js_sys::Date::now()"), ["js_sys"]);
    assert_eq!(names_in_code("extern crate yew;"), ["yew"]);
    assert!(names_in_code("//! The Yew app; `ui` is wasm32 only.").is_empty());
    assert!(names_in_code("let yewtree = my_yew::x; let gloomy = 1;").is_empty());
}
