//! Downloads from the page: a chart as SVG or PNG, and the run's trace as JSON (the shape of
//! `rolloutscope simulate --format json`). Everything is made in the page from what it shows:
//! nothing is sent anywhere.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How many device pixels a PNG has per CSS pixel of the chart: sharp on a slide or a retina screen.
const PNG_SCALE: u32 = 2;

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))
}

/// Saves `url` (a `data:` URL) as the file `name`, as a click on a download link does.
fn save(name: &str, url: &str) -> Result<(), JsValue> {
    let a = document()?.create_element("a")?;
    a.set_attribute("href", url)?;
    a.set_attribute("download", name)?;
    a.dyn_into::<web_sys::HtmlElement>()?.click();
    Ok(())
}

/// Saves `text` as the file `name` of type `mime`.
pub fn text(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    save(name, &format!("data:{mime};base64,{}", STANDARD.encode(text)))
}

/// Saves the SVG `svg`, `size` CSS pixels, drawn as a PNG (a white background, as it shows).
pub fn png(name: &str, svg: &str, size: (u32, u32)) -> Result<(), JsValue> {
    let doc = document()?;
    let img = doc.create_element("img")?.dyn_into::<web_sys::HtmlImageElement>()?;
    let canvas = doc.create_element("canvas")?.dyn_into::<web_sys::HtmlCanvasElement>()?;
    let (w, h) = (size.0 * PNG_SCALE, size.1 * PNG_SCALE);
    canvas.set_width(w);
    canvas.set_height(h);
    let (name, image) = (name.to_string(), img.clone());
    // Called once, when the image has loaded (then freed).
    let onload = Closure::once_into_js(move || {
        let drawn = (|| -> Result<(), JsValue> {
            let ctx = canvas
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("no 2d context"))?
                .dyn_into::<web_sys::CanvasRenderingContext2d>()?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, f64::from(w), f64::from(h))?;
            save(&name, &canvas.to_data_url_with_type("image/png")?)
        })();
        if let Err(e) = drawn {
            web_sys::console::error_2(&JsValue::from_str("RolloutScope: the PNG could not be made:"), &e);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg)));
    Ok(())
}

/// A download that could not start is told on the console (the page itself is unchanged).
pub fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str("RolloutScope: the download failed:"), &e);
    }
}
