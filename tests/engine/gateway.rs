//! The Gateway API: weighted backendRefs, header, path and query matches by the spec's precedence,
//! the CRD's validation in the apiserver's words, kubectl on HTTPRoutes, and a round trip of the
//! objects through the manifest writer and reader.

use crate::common;

use std::collections::BTreeMap;

use proptest::prelude::*;
use rolloutscope::k8s::apply;
use rolloutscope::kubectl;
use rolloutscope::manifest::reader::Read;
use rolloutscope::sim::gateway::{Gateway, GatewayApi, GatewayClass, RequestInfo, Routed, CONTROLLER};
use rolloutscope::sim::service::Outcome;
use rolloutscope::sim::{Object, SimDuration, SimRng, SimTime, World};

use common::{example, run};

/// A Gateway of a class, and `routes` read from YAML manifests.
fn api(routes_yaml: &str) -> GatewayApi {
    let mut g = GatewayApi::default();
    g.classes.insert(
        "eg".into(),
        GatewayClass {
            name: "eg".into(),
            created: SimTime::ZERO,
            controller_name: CONTROLLER.into(),
            generation: 1,
            description: None,
        },
    );
    g.gateways.insert("gw".into(), Gateway::http("gw", "eg"));
    let Read::Manifests(objects) = apply::read(routes_yaml, "routes.yaml", false).unwrap() else { panic!() };
    for (i, o) in objects.into_iter().enumerate() {
        let Object::HttpRoute(mut r) = o else { panic!("{o:?}") };
        r.created = SimTime::from_secs(i as u64);
        g.insert_initial(*r);
    }
    g
}

fn route(name: &str, hostnames: &str, rules: &str) -> String {
    format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: {name}}}\nspec:\n  parentRefs: [{{name: gw}}]\n  hostnames: {hostnames}\n  rules:\n{rules}"
    )
}

/// Where a request goes: the Service, or `404`/`500`.
fn to(g: &GatewayApi, host: &str, path: &str, headers: &[(&str, &str)], query: &[(&str, &str)]) -> String {
    let headers: BTreeMap<String, String> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let query: BTreeMap<String, String> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let info = RequestInfo { host, path, headers: &headers, query: &query };
    match g.route(&info, |_| true, &mut SimRng::new(1)) {
        Routed::Service(s) => s.to_string(),
        Routed::NotFound => "404".into(),
        Routed::InvalidBackend => "500".into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// `backendRefs[].weight`: "the proportion of requests sent to a backend is its weight
    /// divided by the sum of all weights in this BackendRef list" — within 2 points over 20,000.
    #[test]
    fn weighted_shares_match_the_weights(seed in any::<u64>(), a in 0..=1000i32, b in 0..=1000i32) {
        prop_assume!(a + b > 0);
        let yaml = route("web", "[web.example]", &format!(
            "    - backendRefs: [{{name: a, port: 80, weight: {a}}}, {{name: b, port: 80, weight: {b}}}]\n"
        ));
        let g = api(&yaml);
        let (h, q) = (BTreeMap::new(), BTreeMap::new());
        let info = RequestInfo { host: "web.example", path: "/", headers: &h, query: &q };
        let mut rng = SimRng::new(seed);
        let n = 20_000;
        let to_a = (0..n).filter(|_| g.route(&info, |_| true, &mut rng) == Routed::Service("a")).count();
        let share = to_a as f64 / n as f64;
        let want = f64::from(a) / f64::from(a + b);
        prop_assert!((share - want).abs() < 0.02, "weights {a}/{b}: {share} to a, want {want}");
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// The Gateway canary gets its weight of the requests, not its share of the pods (2 canary
    /// pods beside 3 stable ones), one propagation delay after each patch.
    #[test]
    fn a_gateway_canary_gets_its_weight(seed in any::<u64>()) {
        let (_, samples) = run(&example("canary-gateway", seed), 139);
        let share = |from: usize, to: usize| {
            let v2 = |i: usize| samples[i].requests.by_image.get("gasbugs/http-go:v2").copied().unwrap_or(0);
            let all = samples[to].requests.sent - samples[from].requests.sent;
            (v2(to) - v2(from)) as f64 / all as f64
        };
        let (ten, fifty) = (share(22, 78), share(82, 137));
        prop_assert!((0.07..0.13).contains(&ten), "weight 10 gave {ten}");
        prop_assert!((0.45..0.55).contains(&fifty), "weight 50 gave {fifty}");
    }

    /// A header match sends exactly the users who carry the header (a wrong value is no match),
    /// and a path with a query parameter match sends only the requests that ask for both.
    #[test]
    fn header_and_query_matches_send_only_the_matching_group(seed in any::<u64>()) {
        // Clients from the start, before either version answers (the run's own wait for the
        // application would hide B's first seconds).
        let mut s = example("ab-gateway", seed);
        s.traffic[0].from = Some(SimTime::ZERO);
        let (w, _) = run(&s, 119);
        let groups = &w.requests.by_group;
        prop_assert_eq!(groups["beta"].keys().collect::<Vec<_>>(), ["gasbugs/http-go:v2"]);
        prop_assert_eq!(groups["shop"].keys().collect::<Vec<_>>(), ["gasbugs/http-go:v2"]);
        prop_assert_eq!(groups["gamma"].keys().collect::<Vec<_>>(), ["gasbugs/http-go:v1"]);
        for r in w.requests.recent.iter().filter(|r| r.group.is_none() && r.image.is_some()) {
            prop_assert_eq!(r.image.as_deref(), Some("gasbugs/http-go:v1"));
        }
        // B is not ready for its first seconds: the route does not fall back to A, Envoy answers 503.
        prop_assert!(w.requests.by_service["http-go-b"].failed > 0);
    }

    /// The analysis works through an HTTPRoute as through an Ingress: a failing canary is
    /// aborted, its weight patched back to 0, and every request after goes to v1.
    #[test]
    fn a_failing_gateway_canary_is_aborted(seed in any::<u64>()) {
        let mut s = example("canary-gateway", seed);
        let mut failing = s.images.get("gasbugs/http-go:v2").copied().unwrap_or_default();
        failing.error_percent = 20;
        s.images.insert("gasbugs/http-go:v2".into(), failing);
        let (w, _) = run(&s, 200);
        let plan = w.plan.as_ref().unwrap();
        let aborted = plan.abort.as_ref().unwrap().aborted_at;
        prop_assert!(aborted.is_some_and(|t| t < SimTime::from_secs(60)), "{aborted:?}");
        prop_assert!(plan.done());
        let weights: Vec<i32> = w.gateway.routes["http-go"].spec.rules[0].backend_refs.iter().map(|b| b.weight).collect();
        prop_assert_eq!(weights, [100, 0]);
        prop_assert_eq!(w.deployments["http-go-canary"].spec.replicas, 0);
        let after = w.requests.recent.iter().filter(|r| r.sent_at > aborted.unwrap() + SimDuration::from_secs(2));
        prop_assert!(after.clone().count() > 100);
        for r in after {
            prop_assert_eq!(r.image.as_deref(), Some("gasbugs/http-go:v1"));
        }
    }
}

/// The cases of `HTTPRouteRule.Matches`' precedence text, each from the spec's list, and the
/// hostname precedence of `HTTPRouteSpec.Hostnames`.
#[test]
fn precedence_follows_the_specs_text() {
    let m = |path: &str, extra: &str, to: &str| {
        format!("    - matches: [{{path: {path}{extra}}}]\n      backendRefs: [{{name: {to}, port: 80}}]\n")
    };
    let rules = [
        m("{type: PathPrefix, value: /}", "", "prefix-root"),
        m("{type: PathPrefix, value: /}", ", queryParams: [{name: v, value: '2'}]", "one-query"),
        m("{type: PathPrefix, value: /}", ", headers: [{name: x, value: '1'}]", "one-header"),
        m("{type: PathPrefix, value: /}", ", headers: [{name: x, value: '1'}, {name: y, value: '1'}]", "two-headers"),
        m("{type: PathPrefix, value: /a}", "", "prefix-a"),
        m("{type: PathPrefix, value: /a/b}", "", "prefix-ab"),
        m("{type: Exact, value: /a}", "", "exact-a"),
    ]
    .concat();
    let g = api(&route("web", "[web.example]", &rules));
    // "Exact" path match.
    assert_eq!(to(&g, "web.example", "/a", &[("x", "1"), ("y", "1")], &[]), "exact-a");
    // "Prefix" path match with largest number of characters.
    assert_eq!(to(&g, "web.example", "/a/b/c", &[("x", "1")], &[]), "prefix-ab");
    assert_eq!(to(&g, "web.example", "/a/c", &[("x", "1")], &[]), "prefix-a");
    // Largest number of header matches.
    assert_eq!(to(&g, "web.example", "/z", &[("X", "1"), ("y", "1")], &[("v", "2")]), "two-headers");
    assert_eq!(to(&g, "web.example", "/z", &[("x", "1")], &[("v", "2")]), "one-header");
    // Largest number of query param matches.
    assert_eq!(to(&g, "web.example", "/z", &[], &[("v", "2")]), "one-query");
    assert_eq!(to(&g, "web.example", "/z", &[], &[]), "prefix-root");

    // Across routes: the oldest (the first read here), then by name; within a route, the first
    // matching rule in list order.
    let same =
        "    - backendRefs: [{name: first-rule, port: 80}]\n    - backendRefs: [{name: second-rule, port: 80}]\n";
    let two = format!(
        "{}\n---\n{}",
        route("zeta", "[web.example]", same),
        route("alpha", "[web.example]", "    - backendRefs: [{name: alpha, port: 80}]\n")
    );
    assert_eq!(to(&api(&two), "web.example", "/", &[], &[]), "first-rule");

    // Hostnames: the largest matching non-wildcard hostname wins before any match; no route: 404.
    let hosts = format!(
        "{}\n---\n{}",
        route("wild", "['*.example']", &m("{type: Exact, value: /}", "", "wild")),
        route("exact", "[web.example]", "    - backendRefs: [{name: exact, port: 80}]\n")
    );
    let g = api(&hosts);
    assert_eq!(to(&g, "web.example", "/", &[], &[]), "exact");
    assert_eq!(to(&g, "api.example", "/", &[], &[]), "wild");
    assert_eq!(to(&g, "api.example", "/other", &[], &[]), "404");
    assert_eq!(to(&g, "example", "/", &[], &[]), "404");
}

/// A backendRef to a Service that does not exist gets its share answered 500; one whose
/// Service has no ready endpoint, 503 (no healthy upstream), which the run counts as no endpoints.
#[test]
fn invalid_and_empty_backends_fail_their_share() {
    let mut s = example("canary-gateway", 3);
    s.plan = None;
    s.http_routes[0].spec.rules[0].backend_refs[1].name = "nowhere".into();
    s.http_routes[0].spec.rules[0].backend_refs[1].weight = 100;
    let (w, _) = run(&s, 60);
    let invalid = w.requests.by_outcome.get(&Outcome::InvalidBackend).copied().unwrap_or(0);
    let ratio = invalid as f64 / w.requests.sent as f64;
    assert!((0.45..0.55).contains(&ratio), "{ratio}");
    let out = kubectl::read_line(&w, "get httproute http-go -o yaml").unwrap().unwrap();
    assert!(out.contains("reason: BackendNotFound"), "{out}");
    assert!(out.contains("message: Service default/nowhere not found"), "{out}");
    // A backendRef of another kind is invalid too (`InvalidKind`), and answered 500.
    let mut s = example("canary-gateway", 3);
    s.plan = None;
    s.http_routes[0].spec.rules[0].backend_refs[1].kind = "ServiceImport".into();
    s.http_routes[0].spec.rules[0].backend_refs[1].group = "multicluster.x-k8s.io".into();
    s.http_routes[0].spec.rules[0].backend_refs[1].weight = 100;
    let (w, _) = run(&s, 30);
    assert!(w.requests.by_outcome.get(&Outcome::InvalidBackend).copied().unwrap_or(0) > 500);
    let out = kubectl::read_line(&w, "get httproute http-go -o yaml").unwrap().unwrap();
    assert!(out.contains("reason: InvalidKind"), "{out}");
}

/// The CRD's schema and CEL rules refuse what the apiserver refuses, with its words and the
/// line of the field.
#[test]
fn validation_messages_are_the_apiservers() {
    let refuse = |rules: &str| apply::read(&route("web", "[web.example]", rules), "r.yaml", false).unwrap_err();
    let p = refuse("    - backendRefs: [{name: a, port: 80, weight: 1000001}]\n");
    assert_eq!(p.message, "The HTTPRoute \"web\" is invalid: spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000");
    assert_eq!(p.line, Some(8));
    let p = refuse("    - backendRefs: [{name: a}]\n");
    assert_eq!(p.message, "The HTTPRoute \"web\" is invalid: spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for Service reference");
    let many: String = (0..17).map(|i| format!("      - {{name: s{i}, port: 80}}\n")).collect();
    let p = refuse(&format!("    - backendRefs:\n{many}"));
    assert_eq!(
        p.message,
        "The HTTPRoute \"web\" is invalid: spec.rules[0].backendRefs: Too many: 17: must have at most 16 items"
    );
    let rules: String = (0..17).map(|_| "    - backendRefs: [{name: a, port: 80}]\n").collect();
    assert_eq!(
        refuse(&rules).message,
        "The HTTPRoute \"web\" is invalid: spec.rules: Too many: 17: must have at most 16 items"
    );
    let p = refuse("    - matches: [{path: {type: Prefix, value: /}}]\n");
    assert_eq!(p.message, "The HTTPRoute \"web\" is invalid: spec.rules[0].matches[0].path.type: Unsupported value: \"Prefix\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"");
    let p = refuse("    - matches: [{path: {value: shop}}]\n");
    assert_eq!(p.message, "The HTTPRoute \"web\" is invalid: spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']");
    let p = refuse("    - backendRefs: [{name: a, port: 80, wieght: 3}]\n");
    assert!(
        p.message.contains("strict decoding error: unknown field \"spec.rules[0].backendRefs[0].wieght\""),
        "{}",
        p.message
    );
    let p =
        refuse("    - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}]\n");
    assert!(p.message.contains("the simulator does not model spec.rules[0].filters"), "{}", p.message);
    let gateway = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n  gatewayClassName: eg\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n  - {name: http, port: 8080, protocol: HTTP}\n";
    assert_eq!(
        apply::read(gateway, "g.yaml", false).unwrap_err().message,
        "The Gateway \"gw\" is invalid: spec.listeners: Invalid value: \"array\": Listener name must be unique within the Gateway"
    );
}

/// `kubectl get httproute -o yaml` of a run reads back as the same object, and so do the
/// Gateway and the GatewayClass; the YAML panel holds them all.
#[test]
fn an_httproute_round_trips_through_the_writer_and_the_reader() {
    for name in ["canary-gateway", "ab-gateway"] {
        let w = example(name, 1).world();
        for (kind, object) in [("httproute", "http-go"), ("gateway", "http-go"), ("gatewayclass", "eg")] {
            let yaml = kubectl::read_line(&w, &format!("get {kind} {object} -o yaml")).unwrap().unwrap();
            let Read::Manifests(objects) = apply::read(&yaml, "get.yaml", false).unwrap() else { panic!() };
            match &objects[..] {
                [Object::HttpRoute(r)] => assert_eq!(r.spec, w.gateway.routes[object].spec),
                [Object::Gateway(g)] => assert_eq!(g.listeners, w.gateway.gateways[object].listeners),
                [Object::GatewayClass(c)] => assert_eq!(c.controller_name, w.gateway.classes[object].controller_name),
                other => panic!("{other:?}"),
            }
        }
        let panel = rolloutscope::manifest::live::documents(&w);
        let Read::Manifests(objects) = apply::read(&panel, "manifests.yaml", false).unwrap() else { panic!() };
        assert!(objects
            .iter()
            .any(|o| matches!(o, Object::HttpRoute(r) if r.spec == w.gateway.routes["http-go"].spec)));
    }
}

/// kubectl's tables, describe and patch on the Gateway API objects.
#[test]
fn kubectl_gets_describes_and_patches_httproutes() {
    let mut w = example("canary-gateway", 1).world();
    w.run_until(SimTime::from_secs(30));
    let get = |w: &World, line: &str| kubectl::read_line(w, line).unwrap().unwrap();
    assert_eq!(
        get(&w, "get httproutes"),
        "NAME      HOSTNAMES                 AGE\nhttp-go   [\"http-go.example.com\"]   30s"
    );
    let gw = get(&w, "get gtw");
    assert!(gw.starts_with("NAME      CLASS   ADDRESS") && gw.contains("   True         30s"), "{gw}");
    assert_eq!(
        get(&w, "get gatewayclass"),
        "NAME   CONTROLLER                                      ACCEPTED   AGE\neg     gateway.envoyproxy.io/gatewayclass-controller   True       30s"
    );
    assert_eq!(
        kubectl::read_line(&w, "get httproute nope").unwrap().unwrap_err(),
        "Error from server (NotFound): httproutes.gateway.networking.k8s.io \"nope\" not found"
    );
    let d = get(&w, "describe httproute http-go");
    for line in [
        "Name:         http-go",
        "API Version:  gateway.networking.k8s.io/v1",
        "Kind:         HTTPRoute",
        "  Rules:",
        "    Backend Refs:",
        "      Name:    http-go-canary",
        "      Weight:  10",
        "      Reason:                ResolvedRefs",
        "    Controller Name:         gateway.envoyproxy.io/gatewayclass-controller",
        "Events:       <none>",
    ] {
        assert!(d.lines().any(|l| l == line), "{line:?} not in\n{d}");
    }
    let patch = |line: &str| -> Result<String, String> {
        let intents = kubectl::parse(line)?;
        let mut out = String::new();
        for i in intents {
            out = w.clone().apply(i)?;
        }
        Ok(out)
    };
    assert_eq!(
        patch(r#"patch httproute http-go -p '{"spec": {"hostnames": ["a.example"]}}'"#).unwrap_err(),
        "error: application/strategic-merge-patch+json is not supported by gateway.networking.k8s.io/v1, Kind=HTTPRoute: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
    );
    assert_eq!(
        patch(r#"patch httproute/http-go --type merge -p '{"spec": {"hostnames": ["a.example"]}}'"#).unwrap(),
        "httproute.gateway.networking.k8s.io/http-go patched"
    );
    assert_eq!(
        patch(r#"patch httproute http-go --type json -p '[{"op": "replace", "path": "/spec/rules/0/backendRefs/1/weight", "value": 10}]'"#).unwrap(),
        "httproute.gateway.networking.k8s.io/http-go patched (no change)"
    );
    assert_eq!(
        patch(r#"patch httproute http-go --type json -p '[{"op": "replace", "path": "/spec/rules/0/backendRefs/1/weight", "value": -5}]'"#).unwrap_err(),
        "The HTTPRoute \"http-go\" is invalid: spec.rules[0].backendRefs[1].weight: Invalid value: -5: spec.rules[0].backendRefs[1].weight in body should be greater than or equal to 0"
    );
    assert_eq!(
        patch(r#"patch httproute web --type merge -p '{}'"#).unwrap_err(),
        "Error from server (NotFound): httproutes.gateway.networking.k8s.io \"web\" not found"
    );
}

/// The Gateway-based strategies of the page's knobs: a Canary whose plan patches the weights
/// 10 → 50 → 100 and an A/B test by header, beside the NGINX Ingress variants.
#[test]
fn the_gateway_strategies_route_as_their_ingress_twins() {
    use rolloutscope::setup::{Knobs, Router, StrategyKind};
    for strategy in [StrategyKind::Canary, StrategyKind::AB] {
        let knobs = Knobs { strategy, replicas: 4, ..Knobs::default() };
        let s = knobs.scenario_via(7, Router::Gateway);
        assert!(s.ingresses.is_empty() && s.http_routes.len() == 1, "{strategy:?}");
        let mut w = s.world();
        w.run_until(SimTime::from_secs(20));
        for i in knobs.deploy(&w).unwrap() {
            w.apply(i).unwrap();
        }
        w.run_until(SimTime::from_secs(400));
        let plan = w.plan.as_ref().unwrap();
        assert!(plan.done(), "{strategy:?}");
        let lines: Vec<String> =
            w.events().iter().filter(|e| e.kind == "PlanStep").map(|e| e.message.clone()).collect();
        if strategy == StrategyKind::Canary {
            let weights: Vec<&String> = lines.iter().filter(|l| l.contains("patch httproute")).collect();
            assert_eq!(weights.len(), 4, "{lines:?}");
            assert!(weights[0].contains(r#""value": 10}]"#) && weights[2].contains(r#""value": 100}]"#), "{weights:?}");
            assert_eq!(w.deployments["http-go"].spec.template.containers[0].image, "gasbugs/http-go:v2");
            assert_eq!(w.requests.by_service["http-go-canary"].failed, 0);
        } else {
            assert_eq!(w.requests.by_group["beta"].keys().last().map(String::as_str), Some("gasbugs/http-go:v2"));
        }
    }
}

/// How many requests ended with each outcome between two moments of a run.
fn outcomes_between(w: &mut World, from_ms: u64, to_ms: u64) -> BTreeMap<Outcome, u64> {
    w.run_until(SimTime::from_millis(from_ms));
    let before = w.requests.by_outcome.clone();
    w.run_until(SimTime::from_millis(to_ms));
    let mut after = w.requests.by_outcome.clone();
    for (outcome, n) in before {
        *after.entry(outcome).or_default() -= n;
    }
    after.retain(|_, n| *n > 0);
    after
}

/// Runs a kubectl line that changes the cluster, as the console does: kubectl's answer.
fn kubectl_do(w: &mut World, line: &str) -> Result<String, String> {
    let mut out = Vec::new();
    for intent in kubectl::parse(line)? {
        out.push(w.apply(intent)?);
    }
    Ok(out.join("\n"))
}

/// `kubectl delete` of each kind, in kubectl's words, and what the simulator then does as the
/// controller: a deleted HTTPRoute leaves the data plane a propagation delay later and its host
/// gets 404 from the Gateway still listening; a GatewayClass in use is held by the controller's
/// finalizer (its Gateway still served) until its last Gateway is deleted; a deleted Gateway
/// serves nothing.
#[test]
fn deleting_a_route_then_the_class_then_the_gateway() {
    let mut w = example("canary-gateway", 1).world();
    let get = |w: &World, line: &str| kubectl::read_line(w, line).unwrap();
    let ok = outcomes_between(&mut w, 20_000, 30_000);
    assert!(ok.keys().all(|o| *o == Outcome::Ok) && ok[&Outcome::Ok] > 100, "{ok:?}");

    assert_eq!(
        kubectl_do(&mut w, "kubectl delete httproute nope").unwrap_err(),
        "Error from server (NotFound): httproutes.gateway.networking.k8s.io \"nope\" not found"
    );
    assert_eq!(
        kubectl_do(&mut w, "kubectl delete httproute http-go").unwrap(),
        "httproute.gateway.networking.k8s.io \"http-go\" deleted from default namespace"
    );
    assert_eq!(
        get(&w, "get httproute http-go").unwrap_err(),
        "Error from server (NotFound): httproutes.gateway.networking.k8s.io \"http-go\" not found"
    );
    assert_eq!(get(&w, "get httproutes").unwrap(), "No resources found in default namespace.");
    // The data plane has the route for one more propagation delay (1 s, to 31 s), then answers 404.
    let during = outcomes_between(&mut w, 30_000, 30_900);
    assert_eq!(during.keys().collect::<Vec<_>>(), [&Outcome::Ok], "{during:?}");
    let after = outcomes_between(&mut w, 32_000, 40_000);
    assert_eq!(after.keys().collect::<Vec<_>>(), [&Outcome::NotFound], "{after:?}");
    let gw = get(&w, "get gateway http-go -o json").unwrap();
    assert!(gw.contains("\"attachedRoutes\": 0"), "{gw}");

    // The class is in use: marked for deletion, held by the finalizer, its Gateway still served.
    assert_eq!(
        kubectl_do(&mut w, "kubectl delete gatewayclass eg").unwrap(),
        "gatewayclass.gateway.networking.k8s.io \"eg\" deleted"
    );
    w.run_until(SimTime::from_secs(45));
    let class = get(&w, "get gatewayclass eg -o yaml").unwrap();
    for line in [
        "  deletionGracePeriodSeconds: 0",
        "  deletionTimestamp: \"1970-01-01T00:00:40Z\"",
        "  - gateway-exists-finalizer.gateway.networking.k8s.io",
    ] {
        assert!(class.lines().any(|l| l == line), "{line:?} not in\n{class}");
    }
    let gw = get(&w, "get gateway").unwrap();
    assert!(gw.contains("   True         "), "{gw}");
    assert_eq!(outcomes_between(&mut w, 45_000, 50_000).keys().collect::<Vec<_>>(), [&Outcome::NotFound]);

    // The last Gateway of the class goes: the finalizer is removed, and the class with it.
    assert_eq!(
        kubectl_do(&mut w, "kubectl delete gateways.gateway.networking.k8s.io/http-go").unwrap(),
        "gateway.gateway.networking.k8s.io \"http-go\" deleted from default namespace"
    );
    w.run_until(SimTime::from_secs(51));
    assert_eq!(
        get(&w, "get gatewayclass eg").unwrap_err(),
        "Error from server (NotFound): gatewayclasses.gateway.networking.k8s.io \"eg\" not found"
    );
    // Nothing listens for the host any more: no Gateway answers, not even 404.
    let gone = outcomes_between(&mut w, 51_000, 55_000);
    assert!(!gone.contains_key(&Outcome::NotFound) && !gone.contains_key(&Outcome::Ok), "{gone:?}");
    assert_eq!(
        kubectl_do(&mut w, "delete gc eg").unwrap_err(),
        "Error from server (NotFound): gatewayclasses.gateway.networking.k8s.io \"eg\" not found"
    );
}

/// A deleted Gateway: its routes are attached to nothing (`status.parents` is empty, "the route
/// has not been attached to any Gateway") and route nothing; a class no Gateway uses goes at once.
#[test]
fn deleting_the_gateway_detaches_its_routes() {
    let mut w = example("canary-gateway", 1).world();
    w.run_until(SimTime::from_secs(30));
    let get = |w: &World, line: &str| kubectl::read_line(w, line).unwrap().unwrap();
    let yaml = get(&w, "get httproute http-go -o yaml");
    assert!(yaml.contains("  parents:\n  - conditions:"), "{yaml}");
    assert_eq!(
        kubectl_do(&mut w, "delete gateway http-go --wait=false").unwrap(),
        "gateway.gateway.networking.k8s.io \"http-go\" deleted from default namespace"
    );
    let route = get(&w, "get httproute http-go -o json");
    assert!(route.contains("\"parents\": []"), "{route}");
    let after = outcomes_between(&mut w, 31_000, 40_000);
    assert!(!after.contains_key(&Outcome::Ok), "{after:?}");
    assert_eq!(
        kubectl_do(&mut w, "delete gatewayclass/eg").unwrap(),
        "gatewayclass.gateway.networking.k8s.io \"eg\" deleted"
    );
    assert!(!get(&w, "get gatewayclass").contains("eg "), "gone at once: no Gateway used it");
}

/// A GatewayClass keeps the `spec.description` it was given (kubectl's DESCRIPTION column), and
/// a Gateway's listeners carry the CRD's default `allowedRoutes` (routes of the same namespace)
/// as the apiserver stores them.
#[test]
fn a_class_keeps_its_description_and_listeners_their_default_allowed_routes() {
    let path = format!("{}/examples/canary-gateway.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "      controllerName: gateway.envoyproxy.io/gatewayclass-controller\n",
        "      controllerName: gateway.envoyproxy.io/gatewayclass-controller\n      description: Envoy Gateway\n",
    );
    let scenario = rolloutscope::k8s::scenario_file::read(&text, &path).unwrap();
    let mut w = scenario.world();
    w.run_until(SimTime::from_secs(5));
    let read = |line: &str| kubectl::read_line(&w, line).unwrap().unwrap();
    let table = read("get gatewayclass -o wide");
    assert!(table.lines().next().unwrap().ends_with("DESCRIPTION"), "{table}");
    assert!(table.lines().nth(1).unwrap().ends_with("   Envoy Gateway"), "{table}");
    assert!(read("get gatewayclass eg -o yaml").contains("  description: Envoy Gateway\n"));
    let gateway = read("get gateway -o json");
    let gateway: serde_json::Value = serde_json::from_str(&gateway).unwrap();
    let listeners = gateway["items"][0]["spec"]["listeners"].as_array().unwrap().clone();
    assert!(!listeners.is_empty());
    for l in listeners {
        assert_eq!(l["allowedRoutes"], serde_json::json!({"namespaces": {"from": "Same"}}), "{l}");
    }
}
