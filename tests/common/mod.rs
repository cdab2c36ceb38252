//! Helpers shared by the test binaries that need them (`mod common;`).
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
