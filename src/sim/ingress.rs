//! Ingresses served by the NGINX ingress controller, and its canary annotations: the router that
//! a weighted canary, an A/B test by header or cookie, and a Blue/Green switch of backends need.
//!
//! As ingress-nginx does (`balancer.lua`, `route_to_alternative_balancer`): every host has one
//! main Ingress and at most one canary Ingress (`nginx.ingress.kubernetes.io/canary: "true"`).
//! A request goes to the canary's Service when, in this order,
//! 1. it carries the `canary-by-header` header with the value `canary-by-header-value` (or, with
//!    no value given, `always`; `never` keeps it on the main Service and skips the rules below);
//! 2. it carries the `canary-by-cookie` cookie set to `always` (`never` keeps it on the main);
//! 3. a random draw falls under `canary-weight` out of `canary-weight-total` (default 100).
//!
//! The controller keeps a backend only while its Service has endpoints: a canary with none gets no
//! request, whatever the rules say, and a main Service with none sends everything to the canary.
//! NGINX balances round robin over the endpoints (its `load-balance` default) and, on a refused
//! connection, tries the next endpoint (`proxy-next-upstream: error timeout`, 3 tries in all).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rng::SimRng;

pub const CANARY: &str = "nginx.ingress.kubernetes.io/canary";
pub const CANARY_BY_HEADER: &str = "nginx.ingress.kubernetes.io/canary-by-header";
pub const CANARY_BY_HEADER_VALUE: &str = "nginx.ingress.kubernetes.io/canary-by-header-value";
pub const CANARY_BY_COOKIE: &str = "nginx.ingress.kubernetes.io/canary-by-cookie";
pub const CANARY_WEIGHT: &str = "nginx.ingress.kubernetes.io/canary-weight";
pub const CANARY_WEIGHT_TOTAL: &str = "nginx.ingress.kubernetes.io/canary-weight-total";

/// How many upstreams NGINX tries for one request (`proxy-next-upstream-tries`).
pub const NEXT_UPSTREAM_TRIES: usize = 3;

/// A networking.k8s.io/v1 Ingress with one rule: `host`, path `/`, to `service`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ingress {
    pub name: String,
    pub host: String,
    pub service: String,
    pub annotations: BTreeMap<String, String>,
}

/// The canary rules an Ingress's annotations make, read as the controller reads them: a value it
/// cannot parse is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Canary {
    pub header: Option<String>,
    pub header_value: Option<String>,
    pub cookie: Option<String>,
    pub weight: u32,
    pub weight_total: u32,
}

impl Ingress {
    pub fn new(name: &str, host: &str, service: &str) -> Self {
        Ingress { name: name.into(), host: host.into(), service: service.into(), annotations: BTreeMap::new() }
    }

    pub fn is_canary(&self) -> bool {
        self.annotations.get(CANARY).is_some_and(|v| v == "true")
    }

    pub fn canary(&self) -> Canary {
        let text = |key: &str| self.annotations.get(key).filter(|v| !v.is_empty()).cloned();
        let number = |key: &str| self.annotations.get(key).and_then(|v| v.trim().parse::<u32>().ok());
        Canary {
            header: text(CANARY_BY_HEADER),
            header_value: text(CANARY_BY_HEADER_VALUE),
            cookie: text(CANARY_BY_COOKIE),
            weight: number(CANARY_WEIGHT).unwrap_or(0),
            weight_total: number(CANARY_WEIGHT_TOTAL).filter(|t| *t > 0).unwrap_or(100),
        }
    }
}

/// A group of users whose requests carry the same headers and cookies (the testers of an A/B
/// test, say), and the share of all requests they send.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserGroup {
    pub name: String,
    /// Percent of all requests, 1 to 100; the groups together send at most 100.
    pub percent: u8,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub cookies: BTreeMap<String, String>,
    /// The path they ask for (default `/`), which an HTTPRoute may match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The query parameters they send, which an HTTPRoute may match.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, String>,
}

impl UserGroup {
    fn header(&self, name: &str) -> Option<&str> {
        // HTTP header names are case-insensitive.
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Canary {
    /// Whether a request from `group` (None: a user with no special header or cookie) goes to
    /// the canary, by the rules in order.
    pub fn takes(&self, group: Option<&UserGroup>, rng: &mut SimRng) -> bool {
        if let (Some(name), Some(g)) = (&self.header, group) {
            if let Some(value) = g.header(name) {
                match &self.header_value {
                    Some(wanted) if wanted == value => return true,
                    Some(_) => {}
                    None if value == "always" => return true,
                    None if value == "never" => return false,
                    None => {}
                }
            }
        }
        if let (Some(name), Some(g)) = (&self.cookie, group) {
            match g.cookies.get(name).map(String::as_str) {
                Some("always") => return true,
                Some("never") => return false,
                _ => {}
            }
        }
        match self.weight {
            0 => false,
            w if w >= self.weight_total => true,
            // Lua's math.random(total) <= weight.
            w => rng.below(self.weight_total) < w,
        }
    }
}

/// Which Service the controller sends a request for `host` to, or None (503) when no backend
/// of the host has an endpoint. `has_endpoints` says whether a Service has endpoints now.
pub fn route<'a>(
    ingresses: &'a BTreeMap<String, Ingress>,
    host: &str,
    group: Option<&UserGroup>,
    has_endpoints: impl Fn(&str) -> bool,
    rng: &mut SimRng,
) -> Option<&'a str> {
    let for_host = || ingresses.values().filter(move |i| i.host == host);
    let main = for_host().find(|i| !i.is_canary())?;
    let canary = for_host().find(|i| i.is_canary()).filter(|c| has_endpoints(&c.service));
    match (has_endpoints(&main.service), canary) {
        (false, Some(c)) => Some(&c.service),
        (false, None) => None,
        (true, Some(c)) if c.canary().takes(group, rng) => Some(&c.service),
        (true, _) => Some(&main.service),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(annotations: &[(&str, &str)]) -> BTreeMap<String, Ingress> {
        let main = Ingress::new("web", "web.example", "web-v1");
        let mut canary = Ingress::new("web-canary", "web.example", "web-v2");
        canary.annotations.insert(CANARY.into(), "true".into());
        for (k, v) in annotations {
            canary.annotations.insert((*k).into(), (*v).into());
        }
        [("web".to_string(), main), ("web-canary".to_string(), canary)].into()
    }

    fn group(headers: &[(&str, &str)], cookies: &[(&str, &str)]) -> UserGroup {
        UserGroup {
            name: "testers".into(),
            percent: 10,
            headers: headers.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
            cookies: cookies.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect(),
            ..Default::default()
        }
    }

    fn share(ingresses: &BTreeMap<String, Ingress>, g: Option<&UserGroup>, up: &[&str]) -> usize {
        let mut rng = SimRng::new(3);
        (0..1000)
            .filter(|_| route(ingresses, "web.example", g, |s| up.contains(&s), &mut rng) == Some("web-v2"))
            .count()
    }

    #[test]
    fn header_value_sends_exactly_its_group() {
        let i = pair(&[(CANARY_BY_HEADER, "X-Group"), (CANARY_BY_HEADER_VALUE, "beta")]);
        let both = ["web-v1", "web-v2"];
        assert_eq!(share(&i, Some(&group(&[("x-group", "beta")], &[])), &both), 1000);
        assert_eq!(share(&i, Some(&group(&[("X-Group", "gamma")], &[])), &both), 0);
        assert_eq!(share(&i, None, &both), 0);
        // With no canary endpoint the controller has no canary backend: the group gets v1.
        assert_eq!(share(&i, Some(&group(&[("X-Group", "beta")], &[])), &["web-v1"]), 0);
    }

    #[test]
    fn rules_apply_in_order_header_cookie_weight() {
        let i = pair(&[(CANARY_BY_HEADER, "X-Canary"), (CANARY_BY_COOKIE, "canary"), (CANARY_WEIGHT, "100")]);
        let both = ["web-v1", "web-v2"];
        assert_eq!(share(&i, Some(&group(&[("X-Canary", "never")], &[("canary", "always")])), &both), 0);
        assert_eq!(share(&i, Some(&group(&[("X-Canary", "maybe")], &[("canary", "never")])), &both), 0);
        assert_eq!(share(&i, Some(&group(&[], &[("canary", "x")])), &both), 1000);
    }

    #[test]
    fn weight_is_a_share_of_the_total_and_bad_values_are_ignored() {
        let both = ["web-v1", "web-v2"];
        let n = share(&pair(&[(CANARY_WEIGHT, "20")]), None, &both);
        assert!((150..250).contains(&n), "{n}");
        let n = share(&pair(&[(CANARY_WEIGHT, "20"), (CANARY_WEIGHT_TOTAL, "40")]), None, &both);
        assert!((450..550).contains(&n), "{n}");
        assert_eq!(share(&pair(&[(CANARY_WEIGHT, "twenty")]), None, &both), 0);
        // No main endpoint: everything goes to the canary; none at all: nothing is routed.
        assert_eq!(share(&pair(&[]), None, &["web-v2"]), 1000);
        let mut rng = SimRng::new(1);
        assert_eq!(route(&pair(&[]), "web.example", None, |_| false, &mut rng), None);
    }
}
