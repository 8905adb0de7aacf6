//! Browser only: loads ECharts (served by us, only on this page, after first paint) and draws each
//! chart with `charming` once it has loaded, in the colours of the current theme.

use charming::WasmRenderer;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

use super::{
    charts::{CHART_HEIGHT, ChartData},
    options::build,
};
use crate::ui::theme::{Theme, ThemeContext};

const SCRIPT_ID: &str = "echarts-script";
const SCRIPT_SRC: &str = "/vendor/echarts.min.js";

/// True once `window.echarts` exists.
#[derive(Clone, Copy)]
struct EchartsReady(RwSignal<bool>);

/// Adds the ECharts script once (it stays for later visits) and flags when it has run.
pub fn load_echarts() {
    let ready = RwSignal::new(false);
    provide_context(EchartsReady(ready));
    Effect::new(move || {
        let window = window();
        if js_sys::Reflect::has(&window, &JsValue::from_str("echarts")).unwrap_or(false) {
            ready.set(true);
            return;
        }
        let document = document();
        let script = match document.get_element_by_id(SCRIPT_ID) {
            Some(script) => script,
            None => {
                let Ok(script) = document.create_element("script") else {
                    return;
                };
                script.set_id(SCRIPT_ID);
                let _ = script.set_attribute("src", SCRIPT_SRC);
                if let Some(body) = document.body() {
                    let _ = body.append_child(&script);
                }
                script
            }
        };
        let loaded = Closure::once_into_js(move || {
            ready.try_set(true);
        });
        let _ = script.add_event_listener_with_callback("load", loaded.unchecked_ref());
    });
}

fn is_dark(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

/// Calls `echarts.<name>(element)`, e.g. `dispose` or `getInstanceByDom`.
fn call_echarts(name: &str, element: &web_sys::Element) -> Option<JsValue> {
    let echarts = js_sys::Reflect::get(&window(), &JsValue::from_str("echarts")).ok()?;
    let function = js_sys::Reflect::get(&echarts, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    function.call1(&echarts, element).ok()
}

/// Draws the chart into `#id` when ECharts is there, again when the theme changes, resizes it
/// with the window and frees it when the view goes.
pub fn draw_when_ready(id: String, data: ChartData) {
    let Some(EchartsReady(ready)) = use_context() else {
        return;
    };
    let ThemeContext(theme) = expect_context();
    let drawn = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move || {
        if !ready.get() {
            return;
        }
        let dark = is_dark(theme.get());
        let (id, data) = (id.clone(), data.clone());
        // A view that Suspense swaps in is not in the document yet when its effect first runs.
        request_animation_frame(move || {
            let Some(element) = document().get_element_by_id(&id) else {
                return;
            };
            call_echarts("dispose", &element);
            match WasmRenderer::new_opt(None, Some(CHART_HEIGHT)).render(&id, &build(&data, dark)) {
                Ok(_) => {
                    drawn.try_set_value(Some(element));
                }
                Err(error) => leptos::logging::warn!("chart {id}: {error:?}"),
            }
        });
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let instance = drawn.with_value(|element| {
            element
                .as_ref()
                .and_then(|element| call_echarts("getInstanceByDom", element))
        });
        if let Some(instance) = instance.filter(JsValue::is_object) {
            instance
                .unchecked_into::<charming::Echarts>()
                .resize(JsValue::UNDEFINED);
        }
    });
    on_cleanup(move || {
        resize.remove();
        if let Some(Some(element)) = drawn.try_get_value() {
            call_echarts("dispose", &element);
        }
    });
}
