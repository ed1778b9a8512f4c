//! What only the browser knows. Each function answers `None` on the server.

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
pub fn time_zone() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into()).ok()?.as_string()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
