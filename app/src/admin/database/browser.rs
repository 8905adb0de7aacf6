//! What the console asks of the browser: a file download and the clipboard.
//! Each is a no-op on the server, where nothing calls them.

#[cfg(feature = "hydrate")]
use leptos::prelude::window;

/// Milliseconds since the Unix epoch, by the browser's clock.
pub fn now_millis() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    0
}

/// Offers `content` as a file download named `name`, through a Blob and an object URL.
pub fn download(name: &str, content: &str, mime: &str) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    return dom::download(name, content, mime)
        .map_err(|_| "The browser did not start the download.".to_string());
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (name, content, mime);
        Ok(())
    }
}

pub fn copy_text(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().navigator().clipboard().write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}

#[cfg(feature = "hydrate")]
mod dom {
    use std::time::Duration;

    use leptos::prelude::{document, set_timeout};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Blob, BlobPropertyBag, HtmlElement, Url};

    pub fn download(name: &str, content: &str, mime: &str) -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let link: HtmlElement = document().create_element("a")?.unchecked_into();
        link.set_attribute("href", &url)?;
        link.set_attribute("download", name)?;
        link.style().set_property("display", "none")?;
        let body = document().body().ok_or(JsValue::NULL)?;
        body.append_child(&link)?;
        link.click();
        link.remove();
        // Revoked later: the download reads the URL after the click returns.
        set_timeout(
            move || {
                let _ = Url::revoke_object_url(&url);
            },
            Duration::from_secs(30),
        );
        Ok(())
    }
}
