//! Helpers shared by the test binaries (each names this file with `#[path = "../common/mod.rs"] mod common;`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The kubectl version `.ci/lib.sh` pins.
pub const KUBECTL_VERSION: &str = "v1.37.1";

/// The pinned kubectl: `ROLLOUTSCOPE_KUBECTL`, or the one `.ci/setup` installs into `.tools/`.
/// Its absence fails the test with what to do, never skips it.
pub fn pinned_kubectl() -> PathBuf {
    let path = std::env::var_os("ROLLOUTSCOPE_KUBECTL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/kubectl-1.37.1/bin/kubectl"));
    let version = Command::new(&path).args(["version", "--client"]).output();
    match version {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains(&format!("Client Version: {KUBECTL_VERSION}")) => path,
        _ => panic!(
            "kubectl {KUBECTL_VERSION} is not at {}: run `bash .ci/setup`, or set ROLLOUTSCOPE_KUBECTL",
            path.display()
        ),
    }
}

/// An example of `examples/` read as `simulate` reads it, with its seed replaced.
pub fn example(name: &str, seed: u64) -> rolloutscope::sim::run::Scenario {
    let path = format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let mut s = rolloutscope::k8s::scenario_file::read(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    s.seed = seed;
    s
}

/// Runs a scenario to `until_secs`, sampling every whole second.
pub fn run(
    s: &rolloutscope::sim::run::Scenario,
    until_secs: u64,
) -> (rolloutscope::sim::World, Vec<rolloutscope::sim::sample::Sample>) {
    use rolloutscope::sim::{sample::Sample, SimDuration, SimTime};
    let mut w = s.world();
    let mut samples = Vec::new();
    for t in 1..=until_secs {
        w.run_until(SimTime::ZERO + SimDuration::from_secs(t));
        samples.push(Sample::of(&w));
    }
    (w, samples)
}

/// A file the tests keep because something besides the test reads it: the page (`static/`), the
/// lessons' scenario files (`examples/lessons/`), the browser and end-to-end tests
/// (`tests/fixtures/`). `got` must equal the kept file; `ROLLOUTSCOPE_WRITE_FIXTURES=1` writes it
/// instead, on purpose only. (A result that only a test compares is an insta snapshot instead.)
pub fn kept(path: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("ROLLOUTSCOPE_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (write it with ROLLOUTSCOPE_WRITE_FIXTURES=1, on purpose only)", path.display())
    });
    assert!(
        want == got,
        "{} is not what the code writes now; if the change is on purpose, write it again with \
         ROLLOUTSCOPE_WRITE_FIXTURES=1 and review the diff\n--- kept\n{want}\n--- now\n{got}",
        path.display()
    );
}
