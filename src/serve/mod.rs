//! `rolloutscope serve`: a scenario's run served as the Kubernetes API, on 127.0.0.1 only, so that
//! real kubectl reads and changes the simulated cluster (issue 30).
//!
//! One thread owns the [`World`]: it takes one request at a time, and between requests advances
//! the clock (the wall clock × `--speed`, from `--at`) and writes the changes to the open watches.
//! What kubectl writes (a PATCH, a PUT on `/scale`, a DELETE) becomes the command line it stands
//! for, read by [`crate::kubectl::parse`] into the same intents as the page's console; a whole
//! object (`create -f`, `apply -f`, `replace -f`) is applied as the page's YAML panel applies a
//! file ([`crate::sim::Intent::Manifest`]). So the run stays deterministic and can be recorded
//! as a scenario file's timeline (`--record`).
//!
//! Every object gets a resourceVersion from one counter: after each advance the objects are
//! compared with what was last served, and each change is logged (the watches read the log).
//!
//! `POST /rolloutscope/advance?seconds=N` moves the clock N seconds at once: for tests (with
//! `--speed 0`) and demonstrations; it is no Kubernetes API.

mod api;
mod writes;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::sim::{SimDuration, SimTime, World};

pub use api::Res;

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub scenario: PathBuf,
    pub port: u16,
    pub kubeconfig: Option<PathBuf>,
    pub speed: f64,
    pub at: SimDuration,
    pub record: Option<PathBuf>,
}

/// One change of an object, as a watch sends it.
#[derive(Debug, Clone)]
struct Change {
    rv: u64,
    res: Res,
    kind: &'static str,
    object: Value,
}

/// The objects as last served, with their resourceVersions, and the log of their changes.
#[derive(Default)]
struct Store {
    rv: u64,
    objects: BTreeMap<(Res, String), (u64, Value)>,
    log: Vec<Change>,
}

/// How many changes the log keeps; a watch from before them is told 410 Gone, as the apiserver does.
const LOG_KEPT: usize = 10_000;

impl Store {
    /// Compares `now` (every object, without resourceVersions) with what was served, and logs
    /// each difference under a new resourceVersion.
    fn sync(&mut self, now: BTreeMap<(Res, String), Value>) {
        let gone: Vec<(Res, String)> = self.objects.keys().filter(|k| !now.contains_key(*k)).cloned().collect();
        for key in gone {
            if let Some((_, mut object)) = self.objects.remove(&key) {
                self.rv += 1;
                api::set_rv(&mut object, self.rv);
                self.log.push(Change { rv: self.rv, res: key.0, kind: "DELETED", object });
            }
        }
        for (key, object) in now {
            let kind = match self.objects.get(&key) {
                Some((_, old)) if api::same(old, &object) => continue,
                Some(_) => "MODIFIED",
                None => "ADDED",
            };
            self.rv += 1;
            let mut object = object;
            api::set_rv(&mut object, self.rv);
            self.objects.insert(key.clone(), (self.rv, object.clone()));
            self.log.push(Change { rv: self.rv, res: key.0, kind, object });
        }
        if self.log.len() > LOG_KEPT {
            self.log.drain(..self.log.len() - LOG_KEPT);
        }
    }

    fn oldest(&self) -> u64 {
        self.log.first().map_or(self.rv, |c| c.rv.saturating_sub(1))
    }
}

/// An open watch: its socket and what it follows.
struct Watcher {
    out: Box<dyn Write + Send>,
    res: Res,
    filter: api::Filter,
    table: bool,
    after: u64,
    until: Instant,
}

/// The server's state: the run, its clock and calendar, the served objects, the record.
pub struct Server {
    world: World,
    started: Instant,
    /// The sim time at `started`, plus every advance.
    base: SimTime,
    speed: f64,
    /// The calendar's millisecond (since the Unix epoch) of the run's time zero.
    epoch_ms: u64,
    store: Store,
    watchers: Vec<Watcher>,
    /// The scenario file as read, for `--record`.
    file: Value,
    record: Option<PathBuf>,
    /// What was done through the API, as timeline entries (without their `at`) at their moments.
    recorded: Vec<(SimTime, writes::Entry)>,
    /// Each object's `kubectl.kubernetes.io/last-applied-configuration`, kept as the apiserver
    /// keeps an annotation: written by `kubectl apply`, served with the object.
    applied: BTreeMap<(Res, String), String>,
    /// The Table rows of the watched resources just before the last step.
    last_rows: BTreeMap<Res, BTreeMap<String, Vec<Value>>>,
}

fn now_ms() -> u64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    u64::try_from(since.as_millis()).unwrap_or(0)
}

/// A kubeconfig for the server at `url`, as `kubectl config view` writes one.
pub fn kubeconfig(url: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: {url}\n  name: rolloutscope\n\
         contexts:\n- context:\n    cluster: rolloutscope\n    namespace: default\n    user: rolloutscope\n  name: rolloutscope\n\
         current-context: rolloutscope\npreferences: {{}}\nusers:\n- name: rolloutscope\n  user: {{}}\n"
    )
}

/// Runs `serve` until the process is stopped; returns an error message when it cannot start.
pub fn run(opts: &Options) -> Result<(), String> {
    let text = std::fs::read_to_string(&opts.scenario)
        .map_err(|e| format!("error: cannot read {}: {e}", opts.scenario.display()))?;
    let origin = opts.scenario.display().to_string();
    let scenario = crate::k8s::scenario_file::read(&text, &origin)?;
    let file: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|_| json!({}));
    if !(opts.speed >= 0.0 && opts.speed.is_finite()) {
        return Err(format!("error: --speed {} must be a number, 0 or more", opts.speed));
    }
    // Loopback only: the API has no authentication and must not be reachable from elsewhere.
    let http = tiny_http::Server::http(("127.0.0.1", opts.port))
        .map_err(|e| format!("error: cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
    let port = http.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}");
    let config = opts.kubeconfig.clone().unwrap_or_else(|| std::env::temp_dir().join("rolloutscope-kubeconfig"));
    let mut world = scenario.world();
    world.run_until(SimTime::ZERO + opts.at);
    let mut server = Server {
        world,
        started: Instant::now(),
        base: SimTime::ZERO + opts.at,
        speed: opts.speed,
        // Whole seconds, as the apiserver writes times: an object made at 2.5 s into the run is
        // made at the calendar's second 2, on kubectl's clock as on the console's.
        epoch_ms: now_ms().saturating_sub(opts.at.as_millis()) / 1000 * 1000,
        store: Store::default(),
        watchers: Vec::new(),
        file,
        record: opts.record.clone(),
        recorded: Vec::new(),
        applied: BTreeMap::new(),
        last_rows: BTreeMap::new(),
    };
    server.advance();
    // Written after the socket listens: a reader of the file can connect at once.
    write_atomically(&config, &kubeconfig(&url))
        .map_err(|e| format!("error: cannot write the kubeconfig {}: {e}", config.display()))?;
    println!("RolloutScope serves {origin} as the Kubernetes API at {url} (127.0.0.1 only, plain HTTP).");
    println!("Its clock: {} from {}; Ctrl+C stops it.", speed_words(opts.speed), opts.at);
    println!("Use it with real kubectl:\n\n  export KUBECONFIG={}\n  kubectl get pods\n", config.display());
    let _ = std::io::stdout().flush();
    loop {
        let request = http.recv_timeout(Duration::from_millis(50)).map_err(|e| format!("error: {e}"))?;
        server.advance();
        if let Some(request) = request {
            server.handle(request);
            server.advance();
        }
    }
}

fn speed_words(speed: f64) -> String {
    if speed == 0.0 {
        "frozen (--speed 0; POST /rolloutscope/advance?seconds=N moves it)".into()
    } else if speed == 1.0 {
        "the wall clock".into()
    } else {
        format!("the wall clock × {speed}")
    }
}

/// Writes `text` to `path` through a temporary file, so that a reader never sees half of it.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("rolloutscope-tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

impl Server {
    /// The sim time the clock shows now.
    fn target(&self) -> SimTime {
        let elapsed = self.started.elapsed().as_secs_f64() * self.speed;
        // Whole milliseconds: the engine's unit.
        self.base + SimDuration::from_millis((elapsed * 1000.0) as u64)
    }

    /// Runs the world to the clock, logs what changed and writes it to the watches.
    fn advance(&mut self) {
        let t = self.target();
        // A Table watch shows a deleted object with its last row: kept from before the step.
        let mut before = BTreeMap::new();
        if t > self.world.time() {
            for w in self.watchers.iter().filter(|w| w.table) {
                before.entry(w.res).or_insert_with(|| api::rows(&self.world, self.epoch_ms, w.res).1);
            }
            self.world.run_until(t);
        }
        self.last_rows = before;
        let mut now = api::all_objects(&self.world, self.epoch_ms);
        // An object deleted takes its annotation with it.
        self.applied.retain(|key, _| now.contains_key(key));
        for (key, applied) in &self.applied {
            if let Some(object) = now.get_mut(key) {
                object["metadata"]["annotations"][writes::LAST_APPLIED] = json!(applied);
            }
        }
        self.store.sync(now);
        self.feed_watchers();
    }

    fn feed_watchers(&mut self) {
        let log = &self.store.log;
        let world = &self.world;
        let epoch = self.epoch_ms;
        let last_rows = &self.last_rows;
        self.watchers.retain_mut(|w| {
            let mut ok = true;
            let (after, res) = (w.after, w.res);
            for c in log.iter().filter(|c| c.rv > after && c.res == res) {
                if w.filter.matches(&c.object) {
                    let object = match (w.table, c.kind) {
                        (false, _) => c.object.clone(),
                        (true, "DELETED") => {
                            let name = c.object["metadata"]["name"].as_str().unwrap_or_default();
                            let cells = last_rows.get(&c.res).and_then(|r| r.get(name)).cloned();
                            api::table_with(world, epoch, c.res, &c.object, cells)
                        }
                        (true, _) => api::table(world, epoch, c.res, std::slice::from_ref(&c.object)),
                    };
                    ok = ok && write_chunk(&mut w.out, &json!({"type": c.kind, "object": object}));
                }
                w.after = c.rv;
            }
            if Instant::now() >= w.until {
                let _ = w.out.write_all(b"0\r\n\r\n");
                let _ = w.out.flush();
                return false;
            }
            ok
        });
    }

    fn handle(&mut self, mut request: tiny_http::Request) {
        let method = request.method().as_str().to_string();
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let query = api::query(query);
        let header = |name: &str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                .map(|h| h.value.as_str().to_string())
        };
        let accept = header("Accept").unwrap_or_default();
        let content_type = header("Content-Type").unwrap_or_default();
        let mut body = String::new();
        let _ = request.as_reader().read_to_string(&mut body);
        let table = accept.contains("as=Table");
        let path = path.trim_end_matches('/').to_string();

        if method == "POST" && path == "/rolloutscope/advance" {
            let seconds: f64 = query.get("seconds").and_then(|s| s.parse().ok()).unwrap_or(0.0);
            if seconds > 0.0 {
                self.base = self.base + SimDuration::from_millis((seconds * 1000.0) as u64);
                self.epoch_ms = self.epoch_ms.saturating_sub((seconds * 1000.0) as u64);
            }
            self.advance();
            let at = self.world.time().to_string();
            return respond(request, 200, &json!({"time": at}));
        }
        if let Some(answer) = api::discovery(&path).or_else(|| api::openapi_v3(&path)) {
            return respond(request, 200, &answer);
        }
        let Some(route) = api::route(&path) else {
            return respond(
                request,
                404,
                &api::status(404, "NotFound", "the server could not find the requested resource"),
            );
        };
        let watch = query.get("watch").is_some_and(|v| v == "true" || v == "1");
        // The apiserver warns with every answer on a deprecated resource.
        let warning = route.res.warning();
        match (method.as_str(), route.name.as_deref(), route.sub.as_deref()) {
            ("GET", None, None) if watch => self.start_watch(request, route.res, &query, table),
            ("GET", None, None) => {
                let filter = match api::Filter::of(&query) {
                    Ok(f) => f,
                    Err(e) => return respond(request, 400, &api::status(400, "BadRequest", &e)),
                };
                let items: Vec<Value> = self.objects_of(route.res).into_iter().filter(|o| filter.matches(o)).collect();
                let answer = if table {
                    let mut t = api::table(&self.world, self.epoch_ms, route.res, &items);
                    t["metadata"] = json!({"resourceVersion": self.store.rv.to_string()});
                    t
                } else {
                    api::list(route.res, items, self.store.rv)
                };
                respond_warning(request, 200, &answer, warning)
            }
            ("GET", Some(name), sub) => match self.object(route.res, name) {
                Some(object) => {
                    let answer = match sub {
                        Some("scale") => api::scale(&object),
                        Some("status") | None if table => {
                            api::table(&self.world, self.epoch_ms, route.res, std::slice::from_ref(&object))
                        }
                        _ => object,
                    };
                    respond_warning(request, 200, &answer, warning)
                }
                None => respond_warning(request, 404, &api::not_found(route.res, name), warning),
            },
            ("POST", None, None) => self.create(request, route.res, &content_type, &body),
            ("PATCH" | "PUT" | "DELETE", Some(name), sub) => {
                let (name, sub) = (name.to_string(), sub.map(String::from));
                let write = writes::Write {
                    method: &method,
                    res: route.res,
                    name: &name,
                    sub: sub.as_deref(),
                    content_type: &content_type,
                    body: &body,
                };
                self.write(request, write)
            }
            _ => respond(
                request,
                405,
                &api::status(405, "MethodNotAllowed", &format!("the simulator does not {method} {path}")),
            ),
        }
    }

    /// `POST` of a new object: answered with the object created (201), or the apiserver's refusal.
    fn create(&mut self, request: tiny_http::Request, res: Res, content_type: &str, body: &str) {
        match writes::create(self, res, content_type, body) {
            Ok((name, entries, applied)) => {
                if let Some(applied) = applied {
                    self.applied.insert((res, name.clone()), applied);
                }
                self.advance();
                self.record(entries);
                match self.object(res, &name) {
                    Some(object) => respond(request, 201, &object),
                    None => respond(request, 201, &api::status(201, "", "")),
                }
            }
            Err((code, status)) => respond(request, code, &status),
        }
    }

    /// `PATCH`, `PUT` or `DELETE` of an object (or of its `/scale`): answered with the object as
    /// it is after the write, or the apiserver's refusal.
    fn write(&mut self, request: tiny_http::Request, write: writes::Write<'_>) {
        let writes::Write { res, name, sub, .. } = write;
        match writes::write(self, write) {
            Ok((entries, applied)) => {
                let key = (res, name.to_string());
                match applied {
                    Some(Some(applied)) => {
                        self.applied.insert(key, applied);
                    }
                    Some(None) => {
                        self.applied.remove(&key);
                    }
                    None => {}
                }
                self.advance();
                let object = self.object(res, name);
                self.record(entries);
                let answer = match (sub, object) {
                    (Some("scale"), Some(o)) => api::scale(&o),
                    (_, Some(o)) => o,
                    (_, None) => api::status(200, "", ""),
                };
                respond(request, 200, &answer)
            }
            Err((code, status)) => respond(request, code, &status),
        }
    }

    /// Every served object of `res`, with its resourceVersion, in name order.
    fn objects_of(&self, res: Res) -> Vec<Value> {
        self.store.objects.iter().filter(|((r, _), _)| *r == res).map(|(_, (_, o))| o.clone()).collect()
    }

    fn object(&self, res: Res, name: &str) -> Option<Value> {
        self.store.objects.get(&(res, name.to_string())).map(|(_, o)| o.clone())
    }

    fn start_watch(&mut self, request: tiny_http::Request, res: Res, query: &BTreeMap<String, String>, table: bool) {
        let filter = match api::Filter::of(query) {
            Ok(f) => f,
            Err(e) => return respond(request, 400, &api::status(400, "BadRequest", &e)),
        };
        let from = query.get("resourceVersion").map(String::as_str).unwrap_or("");
        let after = match from {
            "" | "0" => None,
            rv => match rv.parse::<u64>() {
                Ok(n) if n >= self.store.oldest() => Some(n),
                Ok(_) => {
                    let message = format!("too old resource version: {rv} ({})", self.store.oldest());
                    return respond(request, 410, &api::status(410, "Expired", &message));
                }
                Err(_) => {
                    let message = format!("invalid resource version {rv:?}");
                    return respond(request, 400, &api::status(400, "BadRequest", &message));
                }
            },
        };
        let timeout = query.get("timeoutSeconds").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1800);
        let mut out = request.into_writer();
        let content_type = if table { "application/json;as=Table;v=v1;g=meta.k8s.io" } else { "application/json" };
        let warning = res.warning().map(|w| format!("Warning: 299 - {w:?}\r\n")).unwrap_or_default();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nCache-Control: no-cache, private\r\n{warning}Transfer-Encoding: chunked\r\n\r\n"
        );
        if out.write_all(head.as_bytes()).is_err() {
            return;
        }
        let _ = out.flush();
        let mut w = Watcher {
            out,
            res,
            filter,
            table,
            after: after.unwrap_or(self.store.rv),
            until: Instant::now() + Duration::from_secs(timeout),
        };
        let initial = query.get("sendInitialEvents").is_some_and(|v| v == "true");
        if after.is_none() || initial {
            // Without a resourceVersion (or asked to, as kubectl's WatchList asks) a watch starts
            // with every object, as ADDED.
            for o in self.objects_of(res).into_iter().filter(|o| w.filter.matches(o)) {
                let object = if table { api::table(&self.world, self.epoch_ms, res, &[o]) } else { o };
                write_chunk(&mut w.out, &json!({"type": "ADDED", "object": object}));
            }
        }
        if initial {
            // The end of the initial events, which a WatchList waits for before it reads on.
            let (kind, api_version) = api::kind_of(res);
            let bookmark = json!({"type": "BOOKMARK", "object": {"kind": kind, "apiVersion": api_version,
                "metadata": {"resourceVersion": self.store.rv.to_string(), "annotations": {"k8s.io/initial-events-end": "true"}}}});
            write_chunk(&mut w.out, &bookmark);
        }
        self.watchers.push(w);
    }

    /// Keeps what a write did, at the moment it was done, and writes the record.
    fn record(&mut self, entries: Vec<writes::Entry>) {
        let at = self.world.time();
        self.recorded.extend(entries.into_iter().map(|e| (at, e)));
        self.write_record();
    }

    /// `--record`: the scenario file with what was done through the API added to its timeline.
    fn write_record(&self) {
        let Some(path) = &self.record else { return };
        let mut file = self.file.clone();
        if !file.is_object() {
            return;
        }
        let mut timeline = file.get("timeline").and_then(Value::as_array).cloned().unwrap_or_default();
        for (t, entry) in &self.recorded {
            let mut step = entry.clone();
            step["at"] = json!(at_text(*t));
            timeline.push(step);
        }
        // In time order (stable: a step written at the same moment stays after those before it).
        let moment = |e: &Value| e["at"].as_str().and_then(|s| SimDuration::parse(s).ok()).map(SimDuration::as_millis);
        timeline.sort_by_key(moment);
        file["timeline"] = Value::Array(timeline);
        let text = format!(
            "# Recorded by rolloutscope serve: what kubectl did to the run. Replay it with: rolloutscope simulate FILE\n{}",
            crate::yaml::to_string(&file)
        );
        if let Err(e) = write_atomically(path, &text) {
            eprintln!("error: cannot write the record {}: {e}", path.display());
        }
    }
}

/// `30s`, or `30300ms` between whole seconds, as a scenario's `at` is written.
fn at_text(t: SimTime) -> String {
    let ms = t.as_millis();
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// One chunk of a chunked response: a watch event and its newline.
fn write_chunk(out: &mut Box<dyn Write + Send>, event: &Value) -> bool {
    let line = format!("{event}\n");
    let ok = write!(out, "{:x}\r\n{line}\r\n", line.len()).is_ok();
    ok && out.flush().is_ok()
}

fn respond(request: tiny_http::Request, code: u16, body: &Value) {
    respond_warning(request, code, body, None);
}

/// An answer with the apiserver's `Warning: 299 - "…"` header, if any (kubectl prints it).
fn respond_warning(request: tiny_http::Request, code: u16, body: &Value, warning: Option<&str>) {
    let content_type =
        if body["kind"] == "Table" { "application/json;as=Table;v=v1;g=meta.k8s.io" } else { "application/json" };
    let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type.as_bytes());
    let mut response = tiny_http::Response::from_string(body.to_string()).with_status_code(code);
    if let Ok(h) = header {
        response = response.with_header(h);
    }
    let warning = warning.map(|w| format!("299 - {w:?}"));
    if let Some(Ok(h)) = warning.map(|w| tiny_http::Header::from_bytes(&b"Warning"[..], w.as_bytes())) {
        response = response.with_header(h);
    }
    let _ = request.respond(response);
}
