//! The engine is pure: no file under src/sim may name a web crate. The page and the command-line
//! tool share it, and native tests can only vouch for code that runs the same way natively.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 5] = ["yew", "web_sys", "web-sys", "gloo", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/sim is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The forbidden names a text mentions, case-insensitively, anywhere (code, comments, strings).
fn mentions(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    FORBIDDEN.iter().copied().filter(|name| lower.contains(name)).collect()
}

#[test]
fn no_file_under_src_sim_mentions_a_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sim");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() >= 3, "expected the engine's files under {}", root.display());
    let offenders: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let found = mentions(&fs::read_to_string(f).expect("utf-8 source"));
            (!found.is_empty()).then(|| format!("{}: {}", f.display(), found.join(", ")))
        })
        .collect();
    assert!(offenders.is_empty(), "src/sim must stay pure, but:\n{}", offenders.join("\n"));
}

#[test]
fn the_check_itself_catches_each_name() {
    assert_eq!(mentions("use yew::prelude::*;"), ["yew"]);
    assert_eq!(mentions("web_sys::window()"), ["web_sys"]);
    assert_eq!(mentions("# web-sys"), ["web-sys"]);
    assert_eq!(mentions("gloo_timers::callback"), ["gloo"]);
    assert_eq!(mentions("#[Wasm_Bindgen]"), ["wasm_bindgen"]);
    assert!(mentions("let world = World::new(1);").is_empty());
}
