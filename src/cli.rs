//! The `rolloutscope` command-line tool: the engine without the browser.
//!
//! Exit codes: 0 success; 1 `validate` found the manifest invalid; 2 a usage error or input that
//! cannot be used (as clap reports usage errors).

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::jiff::Timestamp;

use crate::i18n::{self, Lang};
use crate::k8s::{defaults, field, read, scenario_file, sync, validate};
use crate::sim::limits::MAX_RUN_WORK;
use crate::sim::run::Scenario;
use crate::sim::sample::Sample;
use crate::sim::{SimDuration, SimTime, World};
use crate::{charts, trace};

/// RolloutScope: a faithful, deterministic simulation of Kubernetes Deployment rollouts.
///
/// The same engine drives the web app; here it reads and writes Kubernetes objects and traces.
#[derive(Debug, Parser)]
#[command(name = "rolloutscope", version, about, long_about)]
pub struct Cli {
    /// Language of the explanations: en or ko. Default: from LC_ALL, LC_MESSAGES or LANG.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// One sync of the Deployment controller over a List of real objects.
    ///
    /// Reads what `kubectl get deploy,rs,pods -o json` (or `-o yaml`) prints: an apps/v1
    /// Deployment, its ReplicaSets and optionally its Pods. Makes exactly the writes Kubernetes'
    /// syncDeployment would make (creating the new ReplicaSet, scaling one step, annotating,
    /// status and conditions) and prints the resulting List as JSON on stdout, with one line per
    /// decision and its reason on stderr. Invalid input exits 2 with a message naming the field.
    Sync {
        /// The List, as JSON or YAML; `-` or nothing reads stdin.
        file: Option<PathBuf>,
        /// The controller's clock, as RFC 3339 (`2026-11-22T08:00:00Z`). Default: now.
        #[arg(long, value_parser = parse_time)]
        now: Option<Timestamp>,
    },
    /// Runs a scenario file and prints its trace (text) or its events and per-second samples (json).
    ///
    /// The scenario format is in docs/scenario-format.md. A scenario that cannot be read exits 2 with its line,
    /// column and field.
    Simulate {
        /// The scenario, as YAML or JSON.
        scenario: PathBuf,
        /// How long to run, as 90s, 5m or 1m30s. Default: two minutes past the timeline's last step.
        #[arg(long, value_parser = parse_duration)]
        until: Option<SimDuration>,
        /// text: one line per event under a legend; json: {"events": [...], "samples": [...]}.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Draws a scenario at one moment as an SVG figure, for a blog post or a slide: the cluster
    /// (each ReplicaSet and its pods), then pods by ReplicaSet and requests per second up to it.
    Render {
        /// The scenario, as YAML or JSON.
        scenario: PathBuf,
        /// The moment, as 90s, 5m or 1m30s.
        #[arg(long, value_parser = parse_duration)]
        at: SimDuration,
        /// Where to write the SVG (`-` for stdout).
        #[arg(long)]
        svg: PathBuf,
    },
    /// Exports a scenario for a real cluster: with --kubectl, a shell script for kind or minikube
    /// that applies its manifests and runs its kubectl commands at their moments.
    Export {
        /// The scenario, as YAML or JSON.
        scenario: PathBuf,
        /// A bash script of the manifests and the timeline's kubectl commands, with the waits.
        #[arg(long)]
        kubectl: bool,
        /// Where to write it (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Serves a scenario's run as the Kubernetes API on 127.0.0.1, for real kubectl.
    ///
    /// Writes a kubeconfig for it and prints how to use it. The run's clock follows the wall
    /// clock × --speed from --at; kubectl's changes (scale, set image, rollout pause|resume|
    /// restart|undo, annotate, label, delete pod) go through the same intents as the console's.
    Serve {
        /// The scenario, as YAML or JSON.
        scenario: PathBuf,
        /// The port on 127.0.0.1 (0: any free one; the kubeconfig names it).
        #[arg(long, default_value_t = 6443)]
        port: u16,
        /// Where to write the kubeconfig. Default: rolloutscope-kubeconfig in the temporary directory.
        #[arg(long)]
        kubeconfig: Option<PathBuf>,
        /// How fast the run goes: simulated seconds per wall-clock second (0 freezes it).
        #[arg(long, default_value_t = 1.0)]
        speed: f64,
        /// Where the run starts, as 90s, 5m or 1m30s.
        #[arg(long, value_parser = parse_duration, default_value = "0s")]
        at: SimDuration,
        /// After each change, write the scenario with what kubectl did added to its timeline.
        #[arg(long)]
        record: Option<PathBuf>,
    },
    /// Checks Deployment manifests as the apiserver would, with Kubernetes' own messages.
    ///
    /// Exit 0 when every apps/v1 Deployment in FILE is valid; 1 with the messages when one is
    /// not, or when FILE cannot be read as a manifest.
    Validate {
        /// A manifest, as YAML or JSON; several documents and Lists are allowed.
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_duration(s: &str) -> Result<SimDuration, String> {
    SimDuration::parse(s)
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "en" => Ok(Lang::En),
        "ko" => Ok(Lang::Ko),
        other => Err(format!("{other:?} is not a language RolloutScope speaks; use en or ko")),
    }
}

fn parse_time(s: &str) -> Result<Timestamp, String> {
    s.parse().map_err(|e| format!("{s:?} is not an RFC 3339 time such as 2026-11-22T08:00:00Z: {e}"))
}

/// The machine's clock (jiff's own `now` needs a feature k8s-openapi does not turn on).
fn wall_clock() -> Timestamp {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Timestamp::from_millisecond(i64::try_from(since_epoch.as_millis()).unwrap_or(0)).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The language of the environment, as gettext picks it.
fn env_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map_or(Lang::En, |v| Lang::from_browser_tag(&v))
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(env_lang);
    match cli.command {
        None => {
            println!("rolloutscope {}: run `rolloutscope --help` for usage", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(Cmd::Sync { file, now }) => run_sync(file, now, lang),
        Some(Cmd::Validate { file }) => run_validate(&file, lang),
        Some(Cmd::Simulate { scenario, until, format }) => run_simulate(&scenario, until, format, lang),
        Some(Cmd::Render { scenario, at, svg }) => run_render(&scenario, at, &svg, lang),
        Some(Cmd::Export { scenario, kubectl, out }) => run_export(&scenario, kubectl, out.as_ref()),
        Some(Cmd::Serve { scenario, port, kubeconfig, speed, at, record }) => {
            let options = crate::serve::Options { scenario, port, kubeconfig, speed, at, record };
            match crate::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Reads a file, or stdin for `-` or no file; the name to use in messages comes with it.
fn read_input(file: Option<&PathBuf>) -> Result<(String, String), String> {
    match file.filter(|f| f.as_os_str() != "-") {
        Some(path) => {
            let shown = path.display().to_string();
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("error: the path {shown:?} cannot be read: {e}"))?;
            Ok((text, shown))
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err("error: no input: give a FILE, or pipe `kubectl get deploy,rs,pods -o json` in".into());
            }
            let mut text = String::new();
            stdin.lock().read_to_string(&mut text).map_err(|e| format!("error: stdin cannot be read: {e}"))?;
            Ok((text, "stdin".into()))
        }
    }
}

fn run_sync(file: Option<PathBuf>, now: Option<Timestamp>, lang: Lang) -> ExitCode {
    let result = read_input(file.as_ref()).and_then(|(text, origin)| {
        sync::sync(&text, &origin, now.unwrap_or_else(wall_clock)).map_err(|e| format!("error: {e}"))
    });
    match result {
        Ok(synced) => {
            for d in &synced.decisions {
                eprintln!("{}", trace::decision(d, lang));
            }
            if synced.decisions.is_empty() {
                eprintln!("{}", i18n::sync_wrote_nothing(lang, "sync"));
            }
            match serde_json::to_string_pretty(&synced.list) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run_validate(file: &PathBuf, lang: Lang) -> ExitCode {
    let (text, origin) = match read_input(Some(file)) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match validate_text(&text, &origin, lang) {
        Ok(report) => {
            for line in report {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(messages) => {
            for m in messages {
                eprintln!("{m}");
            }
            ExitCode::from(1)
        }
    }
}

/// Validates every apps/v1 Deployment of a manifest: the lines to print when all are valid, or
/// the error messages, kubectl's words, when one is not.
pub fn validate_text(text: &str, origin: &str, lang: Lang) -> Result<Vec<String>, Vec<String>> {
    let items = read::items(text, origin).map_err(|e| vec![format!("error: {e}")])?;
    let (mut report, mut errors) = (Vec::new(), Vec::new());
    for item in &items {
        let at = if item.at.is_empty() { origin.to_string() } else { format!("{origin}: {}", item.at) };
        match (item.api_version(), item.kind()) {
            ("apps/v1", "Deployment") => {}
            (version, "Deployment") => {
                errors.push(format!(
                    "error: resource mapping not found for name: {:?} namespace: \"\" from {origin:?}: \
                     no matches for kind \"Deployment\" in version {version:?}\nensure CRDs are installed first",
                    item.name()
                ));
                continue;
            }
            (_, kind) => {
                report.push(i18n::manifest_skipped(lang, &at, if kind.is_empty() { "?" } else { kind }));
                continue;
            }
        }
        let mut d: Deployment = match read::typed_strict(item) {
            Ok(parsed) => parsed,
            Err(e) => {
                errors.push(format!(
                    "Error from server (BadRequest): error when creating {origin:?}: Deployment in version \"v1\" \
                     cannot be handled as a Deployment: {e}"
                ));
                continue;
            }
        };
        defaults::deployment(&mut d);
        let found = validate::deployment(&d, item.value.pointer("/spec/selector").is_some());
        if found.is_empty() {
            report.push(i18n::manifest_valid(lang, &format!("deployment.apps/{}", item.name())));
        } else {
            errors.push(field::invalid_object_message("Deployment", item.name(), &found));
        }
    }
    if !items.iter().any(|i| i.kind() == "Deployment") {
        errors.push(format!("error: {origin}: no apps/v1 Deployment to validate"));
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// Reads a scenario file; an error is printed on stderr (the caller exits 2).
fn read_scenario(file: &PathBuf) -> Option<Scenario> {
    match read_input(Some(file)).and_then(|(text, origin)| scenario_file::read(&text, &origin)) {
        Ok(s) => Some(s),
        Err(message) => {
            eprintln!("{message}");
            None
        }
    }
}

/// Runs `scenario` to `end`, sampling every simulated second (and `end` itself). With
/// `follow_plan`, a plan still running at `end` moves the end to two minutes after it is done.
/// What `simulate` runs (the tests check the page's figures against it).
pub fn run_sampled(scenario: &Scenario, mut end: SimTime, follow_plan: bool) -> (World, Vec<Sample>) {
    let mut world = scenario.world();
    let mut samples = vec![Sample::of(&world)];
    let mut second = SimTime::ZERO;
    while second < end {
        second = second + SimDuration::from_secs(1);
        world.run_until(second.min(end));
        samples.push(Sample::of(&world));
        if follow_plan && world.plan.as_ref().is_some_and(|p| !p.done()) {
            end = end.max(second + SETTLE).min(LONGEST_DEFAULT_RUN.max(end));
        }
    }
    (world, samples)
}

fn run_export(file: &PathBuf, kubectl: bool, out: Option<&PathBuf>) -> ExitCode {
    if !kubectl {
        eprintln!("error: say what to export: --kubectl (a shell script for a real cluster)");
        return ExitCode::from(2);
    }
    let script = read_input(Some(file)).and_then(|(text, origin)| crate::k8s::export::kubectl_script(&text, &origin));
    let script = match script {
        Ok(s) => s,
        Err(message) => {
            // A scenario that cannot be read exits 2, as `simulate` and `render` do.
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match out {
        None => {
            print!("{script}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, script) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {} cannot be written: {e}", path.display());
                ExitCode::FAILURE
            }
        },
    }
}

/// The width of a rendered figure, in pixels.
const FIGURE_WIDTH: u32 = 720;

fn run_render(file: &PathBuf, at: SimDuration, out: &PathBuf, lang: Lang) -> ExitCode {
    let Some(scenario) = read_scenario(file) else { return ExitCode::from(2) };
    if let Err(e) = scenario.check_run_to(SimTime::ZERO + at, MAX_RUN_WORK) {
        eprintln!("error: --at {at}: {e}");
        return ExitCode::from(2);
    }
    let (world, samples) = run_sampled(&scenario, SimTime::ZERO + at, false);
    let names: Vec<&str> = world.deployments.keys().map(String::as_str).collect();
    let axis = i18n::tr(lang, i18n::Text::ChartSeconds);
    let size = (FIGURE_WIDTH, 240);
    let t = |key| i18n::tr(lang, key);
    let mut parts = vec![
        ("", charts::cluster(&world, FIGURE_WIDTH)),
        (t(i18n::Text::ChartPods), charts::pods(&samples, &names, None, size, axis)),
    ];
    if world.requests.sent > 0 {
        parts.push((t(i18n::Text::ChartRequests), charts::requests(&samples, size, axis)));
    }
    let svg = charts::stack(&parts, FIGURE_WIDTH, &format!("t={}", world.time()));
    let written = if out.as_os_str() == "-" {
        print!("{svg}");
        Ok(())
    } else {
        std::fs::write(out, svg)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

/// How long `simulate` runs when not told: two minutes past the timeline's last step and past
/// the end of the plan (a plan still running after an hour is cut there).
const SETTLE: SimDuration = SimDuration::from_secs(120);
const LONGEST_DEFAULT_RUN: SimTime = SimTime::from_secs(3600);

fn run_simulate(file: &PathBuf, until: Option<SimDuration>, format: Format, lang: Lang) -> ExitCode {
    let Some(scenario) = read_scenario(file) else { return ExitCode::from(2) };
    // Without --until a plan may take the run up to an hour: that is what is checked.
    let end = until.map_or_else(|| (scenario.last_step() + SETTLE).max(LONGEST_DEFAULT_RUN), |d| SimTime::ZERO + d);
    if let Err(e) = scenario.check_run_to(end, MAX_RUN_WORK) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let (world, samples) = match until {
        Some(d) => run_sampled(&scenario, SimTime::ZERO + d, false),
        None => run_sampled(&scenario, scenario.last_step() + SETTLE, true),
    };
    match format {
        Format::Text => {
            println!("# {}", trace::LEGEND);
            print!("{}", trace::render(world.events(), lang));
            if world.requests.sent > 0 {
                for line in i18n::request_summary(lang, &world.requests) {
                    println!("# {line}");
                }
            }
        }
        Format::Json => {
            let out = trace::json(world.events(), &samples, lang);
            println!("{out}");
        }
    }
    ExitCode::SUCCESS
}
