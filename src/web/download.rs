//! Files in and out without any network: a download made from a Blob and an object URL, and the
//! text of a file the reader picked.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a file named `filename` of type `mime` for download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "the browser could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not link the file")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // The click has started the download; the URL can go once the browser has taken it.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// The name, size (bytes) and text of the first file picked in `input`, refusing files over
/// `max_bytes` before reading them.
pub async fn read_picked(
    input: &web_sys::HtmlInputElement,
    max_bytes: f64,
) -> Result<(String, String), String> {
    let file = input.files().and_then(|f| f.get(0)).ok_or("no file was picked")?;
    let name = file.name();
    if file.size() > max_bytes {
        return Err(format!(
            "{name} is {:.1} MB; at most {:.0} MB can be imported",
            file.size() / 1e6,
            max_bytes / 1e6
        ));
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| format!("{name} could not be read"))?;
    Ok((name, text.as_string().unwrap_or_default()))
}
