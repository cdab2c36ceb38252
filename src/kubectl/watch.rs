//! What the console keeps running until Ctrl+C: `kubectl get KIND -w` and the course's monitor
//! loop `while true; do curl <ip>; sleep 1; done`; and the single `curl <ip>` it is made of.
//!
//! A watch reads the simulated cluster as the clock runs ([`Watch::poll`] after each step) and
//! prints what a terminal would show by then. It changes nothing: `kubectl get -w` only reads, and
//! a learner's curl has its own random stream ([`World::curl`]), so a watched run is the run.

use super::usage::go_quote;
use std::collections::BTreeMap;

use crate::sim::service::{Curl, Outcome, CONNECT_TIMEOUT};
use crate::sim::{SimDuration, SimTime, World};

use super::endpoints::EndpointKind;
use super::read::{rows, selector, Flags, Requirement, Rows};
use super::Kind;

/// The most lines one running command keeps (a terminal's scrollback; the oldest go first).
pub const MAX_LINES: usize = 500;

/// What a `get -w` lists: a kind of [`Kind`], or the Services' EndpointSlices or Endpoints.
#[derive(Clone, Copy, Debug)]
enum Listed {
    Kind(Kind),
    Endpoints(EndpointKind),
}

impl Listed {
    fn rows(self, w: &World, wide: bool, labels: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
        match self {
            Listed::Kind(kind) => rows(w, kind, wide, labels, selector),
            Listed::Endpoints(kind) => super::endpoints::rows(w, kind, selector),
        }
    }

    fn not_found(self, name: &str) -> String {
        match self {
            Listed::Kind(kind) => kind.not_found(name),
            Listed::Endpoints(kind) => kind.not_found(name),
        }
    }
}

/// A command that keeps printing (what it is, to the page, is only what it prints).
#[derive(Debug)]
pub struct Watch(State);

enum State {
    /// `get KIND [NAME...] [-l SELECTOR] [-o wide] -w`: a row whenever an object's row changes
    /// (its age aside), and the last row again when the object is deleted, as kubectl prints
    /// each watch event.
    Get {
        kind: Listed,
        names: Vec<String>,
        wide: bool,
        /// `--show-labels`.
        labels: bool,
        selector: Vec<Requirement>,
        /// The column widths of the table printed first: later rows line up under it.
        widths: Vec<usize>,
        /// Which column is AGE, which changes every second without an event.
        age: Option<usize>,
        /// The last row printed of each object.
        last: BTreeMap<String, Vec<String>>,
        /// Whether the header has been printed (not when nothing matched at first).
        headed: bool,
    },
    /// `rollout status deployment/NAME`, which waits for the rollout by default: each new line
    /// it waits on, and the last, after which it returns.
    RolloutStatus { name: String, last: Option<String>, done: bool },
    /// `while true; do curl HOST; sleep N; done`.
    Curl {
        target: Target,
        /// The loop's `sleep`.
        every: SimDuration,
        /// When the next curl goes out.
        next: SimTime,
        /// How many have gone out (each has its own random choice).
        sent: u64,
    },
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            State::Get { kind, names, .. } => write!(f, "State::Get({kind:?}, {names:?})"),
            State::Curl { target, every, .. } => write!(f, "State::Curl({target:?}, every {every:?})"),
            State::RolloutStatus { name, .. } => write!(f, "State::RolloutStatus({name:?})"),
        }
    }
}

/// Where a curl goes: `http://HOST:PORT/path` or `HOST[:PORT]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub port: i32,
}

impl Target {
    fn parse(url: &str) -> Result<Target, String> {
        let rest = url.strip_prefix("http://").unwrap_or(url);
        if rest.contains("://") {
            let scheme = url.split("://").next().unwrap_or_default();
            return Err(format!("curl: (1) Protocol \"{scheme}\" not supported or disabled in libcurl"));
        }
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => {
                let port = port.parse::<i32>().ok().filter(|p| (1..=65535).contains(p));
                (host, port.ok_or_else(|| format!("curl: (3) URL using bad/illegal format or missing URL: {url}"))?)
            }
            None => (authority, 80),
        };
        if host.is_empty() {
            return Err(format!("curl: (3) URL using bad/illegal format or missing URL: {url}"));
        }
        Ok(Target { host: host.to_string(), port })
    }

    /// What curl prints for the `n`th request, and how long it took.
    fn answer(&self, w: &World, n: u64) -> (String, SimDuration) {
        let (host, port) = (&self.host, self.port);
        match w.curl(host, port, n) {
            Curl::UnknownHost => (format!("curl: (6) Could not resolve host: {host}"), SimDuration::ZERO),
            Curl::NoRoute => {
                (format!("curl: (28) Failed to connect to {host} port {port}: Connection timed out"), CONNECT_TIMEOUT)
            }
            Curl::Sent(r) => {
                let took = r.answered_at.saturating_since(r.sent_at);
                let line = match (r.outcome, r.image) {
                    (Outcome::Ok, Some(image)) => format!("Welcome! {}", image.rsplit('/').next().unwrap_or(&image)),
                    (Outcome::ServerError, _) => "Internal Server Error".to_string(),
                    _ => format!("curl: (7) Failed to connect to {host} port {port}: Connection refused"),
                };
                (line, took)
            }
        }
    }
}

/// The words of a curl command: its one URL (flags such as `-s` are taken and do nothing here;
/// `-H` and `-m` take a value).
fn curl_url<'a>(words: &[&'a str]) -> Result<&'a str, String> {
    let mut urls = Vec::new();
    let mut skip = false;
    for word in words {
        if std::mem::take(&mut skip) {
            continue;
        }
        match *word {
            "-H" | "--header" | "-m" | "--max-time" | "-A" | "--user-agent" => skip = true,
            w if w.starts_with('-') => {}
            w => urls.push(w),
        }
    }
    match urls.as_slice() {
        [url] => Ok(url),
        [] => Err("curl: try 'curl --help' or 'curl --manual' for more information".into()),
        _ => Err("error: the console's curl takes one address, as in curl 10.96.0.20".into()),
    }
}

/// The command of a line run in the background (`CMD &`), if it is one (`&&` is not).
pub fn in_background(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let command = line.strip_suffix('&')?;
    (!command.ends_with('&')).then(|| command.trim_end())
}

/// The shell's job control, as far as the console has jobs (one, `%1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobControl {
    /// `jobs`
    List,
    /// `kill %1` (or `%%`, `%+`, `%`)
    Kill,
    /// `kill` of another job, or a PID
    NoSuchJob,
    /// `fg`, `bg`
    Foreground,
}

/// The job control command of `line`, if it is one.
pub fn job_control(line: &str) -> Option<JobControl> {
    let words: Vec<&str> = line.split_whitespace().collect();
    Some(match words.as_slice() {
        ["jobs", ..] => JobControl::List,
        ["kill", "%1" | "%%" | "%+" | "%"]
        | ["kill", "-9" | "-INT" | "-TERM" | "-SIGINT", "%1" | "%%" | "%+" | "%"] => JobControl::Kill,
        ["kill", ..] => JobControl::NoSuchJob,
        ["fg" | "bg", ..] => JobControl::Foreground,
        _ => return None,
    })
}

/// The answer to a single `curl URL` now, if `line` is one.
pub fn curl_once(w: &World, line: &str) -> Option<Result<String, String>> {
    let words = shell_words::split(line.trim()).ok()?;
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let ("curl", rest) = words.split_first().map(|(c, r)| (*c, r))? else { return None };
    Some(curl_url(rest).and_then(Target::parse).map(|t| t.answer(w, 0).0))
}

/// A monitor loop's body: `while true; do BODY; done` (or `while :`), with `;` or new lines.
fn monitor_loop(line: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = line.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let (first, rest) = parts.split_first()?;
    if !matches!(*first, "while true" | "while :") {
        return None;
    }
    let (last, body) = rest.split_last()?;
    if *last != "done" {
        return None;
    }
    let mut body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
    let head = body.first_mut()?;
    *head = head.strip_prefix("do ").or_else(|| (head == "do").then_some(""))?.trim().to_string();
    body.retain(|c| !c.is_empty());
    Some(body)
}

impl Watch {
    /// Starts the command of `line`, if it is one that keeps running: what it prints at once, and
    /// the watch that prints the rest. `None` when it is not (a read or a change).
    pub fn start(w: &World, line: &str) -> Option<Result<(Watch, String), String>> {
        let line = super::without_kubectl(line);
        if let Some(body) = monitor_loop(line) {
            return Some(Watch::start_loop(w, &body));
        }
        let words = shell_words::split(line).ok()?;
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let (args, flags) = Flags::split(&words);
        if let ["rollout", "status", rest @ ..] = args.as_slice() {
            if flags.has(&["--watch=false", "-w=false"]) {
                return None;
            }
            return Some(super::deployment_of(rest).and_then(|(name, _)| {
                w.deployments.get(&name).ok_or_else(|| Kind::Deployment.not_found(&name))?;
                let mut watch = Watch(State::RolloutStatus { name, last: None, done: false });
                let first = watch.poll(w).join("\n");
                Ok((watch, first))
            }));
        }
        if !flags.has(&["-w", "--watch"]) {
            return None;
        }
        let ["get", kind, names @ ..] = args.as_slice() else {
            return Some(Err("error: unknown shorthand flag: 'w' in -w".into()));
        };
        Some(Watch::start_get(w, kind, names, &flags))
    }

    fn start_loop(w: &World, body: &[String]) -> Result<(Watch, String), String> {
        let mut url = None;
        let mut every = SimDuration::ZERO;
        for command in body {
            let words = shell_words::split(command).map_err(|e| format!("bash: {e}"))?;
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match words.as_slice() {
                ["curl", rest @ ..] if url.is_none() => url = Some(curl_url(rest)?.to_string()),
                ["sleep", n] => {
                    let secs = n
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 3600.0)
                        .ok_or_else(|| format!("sleep: invalid time interval '{n}'"))?;
                    every = SimDuration::from_millis((secs * 1000.0).round() as u64);
                }
                ["echo", ..] => {}
                _ => {
                    return Err(format!(
                        "error: the console's loop runs one curl, a sleep and echo, as in while true; do curl {}; sleep 1; done (not {command_q})",
                        w.services.values().next().map_or("10.96.0.20", |s| s.cluster_ip.as_str()), command_q = go_quote(command)
                    ))
                }
            }
        }
        let target = Target::parse(&url.ok_or("error: the loop has no curl to run")?)?;
        let mut watch = Watch(State::Curl { target, every, next: w.time(), sent: 0 });
        let first = watch.poll(w).join("\n");
        Ok((watch, first))
    }

    fn start_get(w: &World, kind: &str, names: &[&str], flags: &Flags) -> Result<(Watch, String), String> {
        let kind = match EndpointKind::of(kind) {
            Some(kind) => Listed::Endpoints(kind),
            None => Listed::Kind(Kind::of(kind)?),
        };
        let wide = match flags.value(&["-o", "--output"])? {
            None => false,
            Some("wide") => true,
            Some(other) => {
                return Err(format!(
                "error: the console watches tables (-w or -o wide -w); {other_q} output is not printed as it changes",
                other_q = go_quote(other)
            ))
            }
        };
        let selector = selector(flags.value(&["-l", "--selector"])?)?;
        let labels = flags.has(&["--show-labels"]);
        let (header, all) = kind.rows(w, wide, labels, &selector);
        for name in names {
            if !all.iter().any(|(n, _)| n == name) {
                return Err(kind.not_found(name));
            }
        }
        let mut watch = Watch(State::Get {
            kind,
            names: names.iter().map(|n| n.to_string()).collect(),
            wide,
            labels,
            selector,
            widths: header.iter().map(|h| h.chars().count()).collect(),
            age: header.iter().position(|h| *h == "AGE"),
            last: BTreeMap::new(),
            headed: false,
        });
        let first = watch.poll(w).join("\n");
        match kind {
            // The apiserver's warning on v1 Endpoints, which kubectl prints when the watch starts.
            Listed::Endpoints(kind) => Ok((watch, super::endpoints::warned(kind, first).trim_end().to_string())),
            Listed::Kind(_) => Ok((watch, first)),
        }
    }

    /// Whether the command has returned by itself (a rollout status whose rollout is done).
    pub fn done(&self) -> bool {
        matches!(self.0, State::RolloutStatus { done: true, .. })
    }

    /// The lines printed since the last poll, the clock now at `w.time()`.
    pub fn poll(&mut self, w: &World) -> Vec<String> {
        match &mut self.0 {
            State::RolloutStatus { done: true, .. } => Vec::new(),
            State::RolloutStatus { name, last, done } => {
                let Some(d) = w.deployments.get(name.as_str()) else {
                    *done = true;
                    return vec![Kind::Deployment.not_found(name)];
                };
                let (line, finished) = match super::rollout_status(d) {
                    Ok(status) => status,
                    Err(error) => (error, true),
                };
                *done = finished;
                if last.as_ref() == Some(&line) {
                    return Vec::new();
                }
                *last = Some(line.clone());
                vec![line]
            }
            State::Curl { target, every, next, sent } => {
                let mut out = Vec::new();
                // A curl that timed out takes its time: the next goes out after it and the sleep.
                while *next <= w.time() {
                    let (line, took) = target.answer(w, *sent);
                    out.push(line);
                    *sent += 1;
                    *next = *next + took + (*every).max(crate::sim::DEFAULT_TICK);
                    if took > SimDuration::ZERO {
                        break;
                    }
                }
                out
            }
            State::Get { kind, names, wide, labels, selector, widths, age, last, headed } => {
                let (header, now) = kind.rows(w, *wide, *labels, selector);
                let wanted = |name: &str| names.is_empty() || names.iter().any(|n| n == name);
                let mut out = Vec::new();
                let mut changed: Vec<Vec<String>> = Vec::new();
                let same = |a: &[String], b: &[String]| {
                    a.len() == b.len() && a.iter().zip(b).enumerate().all(|(i, (x, y))| Some(i) == *age || x == y)
                };
                let mut seen = std::collections::BTreeSet::new();
                for (name, row) in now.into_iter().filter(|(n, _)| wanted(n)) {
                    seen.insert(name.clone());
                    if last.get(&name).is_some_and(|l| same(l, &row)) {
                        continue;
                    }
                    changed.push(row.clone());
                    last.insert(name, row);
                }
                // Deleted: the last state again, as kubectl prints the DELETED event.
                let gone: Vec<String> = last.keys().filter(|n| !seen.contains(*n)).cloned().collect();
                for name in gone {
                    if let Some(row) = last.remove(&name) {
                        changed.push(row);
                    }
                }
                if changed.is_empty() {
                    return out;
                }
                if !*headed {
                    for row in &changed {
                        for (width, cell) in widths.iter_mut().zip(row) {
                            *width = (*width).max(cell.chars().count());
                        }
                    }
                    out.push(line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>(), widths));
                    *headed = true;
                }
                out.extend(changed.iter().map(|row| line(row, widths)));
                out
            }
        }
    }
}

/// A row padded to the table's widths, three spaces apart (the last cell not padded).
fn line(cells: &[String], widths: &[usize]) -> String {
    let mut out = String::new();
    let last = cells.len().saturating_sub(1);
    for (i, cell) in cells.iter().enumerate() {
        out.push_str(cell);
        if i < last {
            let width = widths.get(i).copied().unwrap_or(0).max(cell.chars().count());
            out.push_str(&" ".repeat(width + 3 - cell.chars().count()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        crate::kubectl::test_run()
    }

    fn started(w: &World, line: &str) -> (Watch, String) {
        Watch::start(w, line).expect("a watch").unwrap()
    }

    #[test]
    fn the_monitor_loop_prints_each_answer_as_the_clock_runs() {
        let mut w = world();
        let ip = w.services["http-go"].cluster_ip.clone();
        let (mut watch, first) = started(&w, &format!("while true; do curl {ip}; sleep 1; done"));
        // At 0 s nothing is ready yet: kube-proxy rejects the connection.
        assert_eq!(first, format!("curl: (7) Failed to connect to {ip} port 80: Connection refused"));
        let mut lines = Vec::new();
        while w.time() < SimTime::from_secs(60) {
            w.step();
            lines.extend(watch.poll(&w));
        }
        // One a second, and each curl's own time: the loop drifts as a shell's does.
        assert!((55..60).contains(&lines.len()), "{}", lines.len());
        assert_eq!(lines.last().unwrap(), "Welcome! http-go:v1");
        // Same seed, same answers; a watched run is the run.
        let mut again = world();
        let (mut watch2, _) = started(&again, &format!("while true; do curl {ip}; sleep 1; done"));
        let mut lines2 = Vec::new();
        while again.time() < SimTime::from_secs(60) {
            again.step();
            lines2.extend(watch2.poll(&again));
        }
        assert_eq!(lines, lines2);
        let mut unwatched = world();
        unwatched.run_until(SimTime::from_secs(60));
        assert_eq!(unwatched.events().len(), w.events().len());
        assert_eq!(unwatched.requests.sent, w.requests.sent);
    }

    #[test]
    fn the_loop_is_read_as_the_course_writes_it() {
        let w = world();
        for line in [
            "while true; do curl http-go; sleep 1; done",
            "while true\ndo curl -s http://http-go:80/; echo; sleep 0.5\ndone",
            "while :; do curl http-go.default.svc.cluster.local; sleep 2; done",
        ] {
            let (watch, _) = started(&w, line);
            assert!(matches!(watch.0, State::Curl { .. }), "{line}");
        }
        let (Watch(State::Curl { every, .. }), _) = started(&w, "while true; do curl http-go; sleep 0.5; done") else {
            unreachable!()
        };
        assert_eq!(every, SimDuration::from_millis(500));
        let err = |line: &str| Watch::start(&w, line).expect("a watch").unwrap_err();
        assert_eq!(err("while true; do curl http-go; sleep x; done"), "sleep: invalid time interval 'x'");
        assert!(err("while true; do rm -rf /; done").starts_with("error: the console's loop runs one curl"));
        assert_eq!(err("while true; do sleep 1; done"), "error: the loop has no curl to run");
        assert!(Watch::start(&w, "while true; do curl http-go").is_none(), "no done: not a loop");
    }

    #[test]
    fn curl_answers_as_curl_does() {
        let mut w = world();
        w.run_until(SimTime::from_secs(60));
        let ip = w.services["http-go"].cluster_ip.clone();
        let once = |line: &str| curl_once(&w, line).expect("a curl");
        assert_eq!(once(&format!("curl {ip}")), Ok("Welcome! http-go:v1".into()));
        assert_eq!(once(&format!("curl -s http://{ip}:80/")), Ok("Welcome! http-go:v1".into()));
        assert_eq!(
            once(&format!("curl {ip}:8080")),
            Ok(format!("curl: (28) Failed to connect to {ip} port 8080: Connection timed out"))
        );
        assert_eq!(once("curl nothing-here"), Ok("curl: (6) Could not resolve host: nothing-here".into()));
        assert_eq!(once("curl"), Err("curl: try 'curl --help' or 'curl --manual' for more information".into()));
        assert!(once("curl https://http-go").unwrap_err().starts_with("curl: (1) Protocol \"https\""));
        assert!(once("curl http-go:99999").unwrap_err().starts_with("curl: (3)"));
        assert!(curl_once(&w, "get pods").is_none());
    }

    #[test]
    fn a_timed_out_curl_holds_the_loop_for_the_connect_timeout() {
        let mut w = world();
        let ip = w.services["http-go"].cluster_ip.clone();
        let (mut watch, first) = started(&w, &format!("while true; do curl {ip}:81; sleep 1; done"));
        assert!(first.ends_with("Connection timed out"));
        let mut lines = 0;
        while w.time() < SimTime::from_secs(200) {
            w.step();
            lines += watch.poll(&w).len();
        }
        assert_eq!(lines, 1, "the second at 128 s; the third would be at 256 s");
    }

    #[test]
    fn get_watch_prints_a_row_for_each_change() {
        let mut w = world();
        let (mut watch, first) = started(&w, "kubectl get deploy -w");
        assert!(first.starts_with("NAME      READY   UP-TO-DATE   AVAILABLE   AGE\nhttp-go   0/"), "{first}");
        let mut lines = Vec::new();
        while w.time() < SimTime::from_secs(60) {
            w.step();
            lines.extend(watch.poll(&w));
        }
        // Ages alone print nothing; the deployment's counts went up to 3/3.
        assert!(!lines.is_empty() && lines.len() < 10, "{lines:?}");
        let n = w.deployments["http-go"].spec.replicas;
        assert!(
            lines.last().unwrap().starts_with(&format!("http-go   {n}/{n}     {n}            {n}           ")),
            "{lines:?}"
        );
        // A deleted pod prints its last row again, and its replacement appears.
        let (mut pods, _) = started(&w, "get pods --watch");
        let victim = w.pods.keys().next().unwrap().clone();
        w.apply(crate::sim::Intent::DeletePod { pod: victim.clone() }).unwrap();
        let mut printed = Vec::new();
        while w.time() < SimTime::from_secs(120) {
            w.step();
            printed.extend(pods.poll(&w));
        }
        assert_eq!(printed.iter().filter(|l| l.starts_with(&victim)).count(), 1, "{printed:?}");
        let replacement: Vec<&String> = printed.iter().filter(|l| !l.starts_with(&victim)).collect();
        assert!(replacement[0].contains("0/1     ContainerCreating"), "{printed:?}");
        assert!(replacement.last().unwrap().contains("1/1     Running"), "{printed:?}");
    }

    /// `get endpointslices -w` follows the slice's row (a deleted pod's address leaves it once
    /// its container has exited and its replacement's arrives); `get ep -w` begins with the
    /// apiserver's warning on v1 Endpoints.
    #[test]
    fn endpointslices_and_endpoints_are_watched() {
        let mut w = world();
        w.run_until(SimTime::from_secs(60));
        let (mut slices, first) = started(&w, "get endpointslices -w");
        let lines: Vec<&str> = first.lines().collect();
        assert!(lines[0].starts_with("NAME") && lines[0].contains("ADDRESSTYPE") && lines.len() == 2, "{first}");
        let (_, ep) = started(&w, "get ep -w");
        assert!(ep.starts_with(super::super::endpoints::ENDPOINTS_WARNING), "{ep}");
        let victim = w.services["http-go"].slice[0].pod.clone();
        let ip = w.pods[&victim].status.pod_ip.clone().unwrap();
        w.apply(crate::sim::Intent::DeletePod { pod: victim }).unwrap();
        let mut printed = Vec::new();
        while w.time() < SimTime::from_secs(90) {
            w.step();
            printed.extend(slices.poll(&w));
        }
        // The first address shown was the deleted pod's; the last row shows another first.
        assert!(lines[1].contains(&format!("{ip},")), "{first}");
        let last = printed.last().expect("the slice's row changed");
        assert!(!last.contains(&ip), "{printed:?}");
        let missing = Watch::start(&w, "get endpointslices nothing -w").unwrap().unwrap_err();
        assert_eq!(missing, "Error from server (NotFound): endpointslices.discovery.k8s.io \"nothing\" not found");
    }

    #[test]
    fn rollout_status_waits_for_the_rollout_and_returns() {
        let mut w = world();
        w.run_until(SimTime::from_secs(40));
        w.apply(crate::kubectl::parse("set image deploy/http-go http-go=gasbugs/http-go:v2").unwrap().remove(0))
            .unwrap();
        let (mut watch, first) = started(&w, "kubectl rollout status deployment/http-go");
        assert_eq!(first, "Waiting for deployment spec update to be observed...");
        let mut lines = vec![first];
        while !watch.done() && w.time() < SimTime::from_secs(200) {
            w.step();
            lines.extend(watch.poll(&w));
        }
        assert!(watch.done());
        assert_eq!(lines.last().unwrap(), "deployment \"http-go\" successfully rolled out");
        assert!(lines.iter().any(|l| l.contains("old replicas are pending termination")), "{lines:?}");
        let unique: std::collections::BTreeSet<_> = lines.iter().collect();
        assert_eq!(unique.len(), lines.len(), "each line once: {lines:?}");
        assert!(watch.poll(&w).is_empty());
    }

    #[test]
    fn a_trailing_ampersand_runs_a_command_in_the_background() {
        assert_eq!(
            in_background("while true; do curl http-go; sleep 1; done &"),
            Some("while true; do curl http-go; sleep 1; done")
        );
        assert_eq!(in_background("kubectl get pods -w&"), Some("kubectl get pods -w"));
        assert_eq!(in_background("kubectl get pods && kubectl get rs"), None);
        assert_eq!(in_background("kubectl get pods"), None);
        assert_eq!(job_control("jobs"), Some(JobControl::List));
        assert_eq!(job_control("kill %1"), Some(JobControl::Kill));
        assert_eq!(job_control("kill -9 %%"), Some(JobControl::Kill));
        assert_eq!(job_control("kill %2"), Some(JobControl::NoSuchJob));
        assert_eq!(job_control("fg"), Some(JobControl::Foreground));
        assert_eq!(job_control("kubectl get pods"), None);
    }

    #[test]
    fn bad_watches_get_kubectls_words() {
        let w = world();
        let err = |line: &str| Watch::start(&w, line).expect("a watch").unwrap_err();
        assert_eq!(err("get pod web-1 -w"), "Error from server (NotFound): pods \"web-1\" not found");
        assert_eq!(err("get nodez -w"), "error: the server doesn't have a resource type \"nodez\"");
        assert!(err("get pods -o yaml -w").contains("\"yaml\" output is not printed as it changes"));
        assert_eq!(err("describe deploy/http-go -w"), "error: unknown shorthand flag: 'w' in -w");
        assert_eq!(
            err("rollout status deploy/nope"),
            "Error from server (NotFound): deployments.apps \"nope\" not found"
        );
        assert!(Watch::start(&w, "rollout status deploy/http-go --watch=false").is_none());
        assert!(Watch::start(&w, "get pods").is_none());
    }
}
