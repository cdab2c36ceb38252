//! The two charts (pods by version with the rollout's bounds, requests by the version that
//! answered), their legends, and their SVG and PNG downloads. While playing they are drawn again
//! only now and then ([`crate::page::Drawn`]).

use std::rc::Rc;

use yew::prelude::*;

use super::export;
use super::PageProps;
use crate::charts::{css_colour, version_colour};
use crate::i18n::{tr, Lang, Text};
use crate::page::{facts, Slot};

/// The charts' size in CSS pixels (they scale with the page; a PNG has twice as many pixels).
const CHART_SIZE: (u32, u32) = (560, 220);

#[function_component(Charts)]
pub fn charts(PageProps { state }: &PageProps) -> Html {
    let lang = state.lang;
    let t = |key| tr(lang, key);
    let (bounds, legend, seconds) = {
        let engine = state.engine();
        let world = engine.world();
        let legend = facts::legend(&facts::version_index(world));
        (facts::chart_bounds(state.knobs.strategy, world), legend, facts::seconds(world.time()))
    };
    let axis = tr(lang, Text::ChartSeconds);
    let (pods_key, requests_key) = (state.drawn.key(Slot::PodsChart), state.drawn.key(Slot::RequestsChart));
    let pods_svg = {
        let names: Vec<String> = state.knobs.strategy.deployments().iter().map(|s| s.to_string()).collect();
        let engine = state.engine.clone();
        use_memo((state.generation_of_setup(), pods_key, lang, bounds), move |(.., bounds)| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            crate::charts::pods(engine.borrow().samples_so_far(), &names, *bounds, CHART_SIZE, axis)
        })
    };
    let requests_svg = {
        let engine = state.engine.clone();
        use_memo((state.generation_of_setup(), requests_key, lang), move |_| {
            crate::charts::requests(engine.borrow().samples_so_far(), CHART_SIZE, axis)
        })
    };
    // Each chart is an image named by its caption; its legend and download buttons sit beside the
    // image in the figure, not inside it (an image has no controls).
    html! {
        <section class="charts">
            <figure data-testid="chart-pods">
                <figcaption>{ t(Text::ChartPods) }</figcaption>
                <div class="chart-image" role="img" aria-label={t(Text::ChartPods)}>
                    { Html::from_html_unchecked(AttrValue::from((*pods_svg).clone())) }
                </div>
                <ul class="chart-legend">
                    { for legend.iter().map(|(image, n)| legend_item(&format!("{} ({})", facts::tag(image), t(Text::ChartTotal)), &css_colour(version_colour(*n)), "solid")) }
                    { legend_item(t(Text::ChartReady), "#404040", "dashed") }
                    { legend_item(t(Text::ChartAvailable), "#404040", "dotted") }
                    { legend_item(&format!("{} / {}", t(Text::ChartMaxPods), t(Text::ChartMinAvailable)), "#5a6675", "bound") }
                </ul>
                { chart_downloads(lang, "pods", t(Text::ChartPods), &pods_svg, &seconds) }
            </figure>
            <figure data-testid="chart-requests">
                <figcaption>{ t(Text::ChartRequests) }</figcaption>
                <div class="chart-image" role="img" aria-label={t(Text::ChartRequests)}>
                    { Html::from_html_unchecked(AttrValue::from((*requests_svg).clone())) }
                </div>
                <ul class="chart-legend">
                    { for legend.iter().map(|(image, n)| legend_item(facts::tag(image), &css_colour(version_colour(*n)), "filled")) }
                    { legend_item(t(Text::ChartFailed), "#b42318", "outlined") }
                </ul>
                { chart_downloads(lang, "requests", t(Text::ChartRequests), &requests_svg, &seconds) }
            </figure>
        </section>
    }
}

/// The SVG and PNG buttons under a chart (`id`: `pods` or `requests`).
fn chart_downloads(lang: Lang, id: &'static str, title: &str, svg: &Rc<String>, seconds: &str) -> Html {
    let file = |ext: &str| format!("rolloutscope-{id}-{seconds}s.{ext}");
    let on_svg = {
        let (svg, name) = (svg.clone(), file("svg"));
        Callback::from(move |_: MouseEvent| export::report(export::text(&name, "image/svg+xml", &svg)))
    };
    let on_png = {
        let (svg, name) = (svg.clone(), file("png"));
        Callback::from(move |_: MouseEvent| export::report(export::png(&name, &svg, CHART_SIZE)))
    };
    html! {
        <p class="downloads">
            <span>{ tr(lang, Text::Downloads) }{ ": " }</span>
            <button data-testid={format!("download-{id}-svg")} onclick={on_svg}
                aria-label={crate::i18n::download_label(lang, title, "SVG")}>{ "SVG" }</button>
            <button data-testid={format!("download-{id}-png")} onclick={on_png}
                aria-label={crate::i18n::download_label(lang, title, "PNG")}>{ "PNG" }</button>
        </p>
    }
}

fn legend_item(label: &str, colour: &str, style: &'static str) -> Html {
    html! {
        <li><span class={classes!("swatch", style)} style={format!("--swatch: {colour}")} aria-hidden="true"></span>{ label.to_string() }</li>
    }
}
