//! The `rolloutscope` binary: the command-line tool natively, the web app's entry on wasm32.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    rolloutscope::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    rolloutscope::ui::start();
}
