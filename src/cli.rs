//! The `rolloutscope` command-line tool: the engine without the browser.

use clap::Parser;
use std::process::ExitCode;

/// RolloutScope: a faithful, deterministic simulation of Kubernetes Deployment rollouts.
///
/// The same engine drives the web app; here it reads and writes Kubernetes objects and traces.
#[derive(Debug, Parser)]
#[command(name = "rolloutscope", version, about, long_about)]
pub struct Cli {}

/// Parses the command line and runs it; exit code 2 for a usage error, as clap reports it.
pub fn main() -> ExitCode {
    let _cli = Cli::parse();
    println!("rolloutscope {}: run `rolloutscope --help` for usage", env!("CARGO_PKG_VERSION"));
    ExitCode::SUCCESS
}
