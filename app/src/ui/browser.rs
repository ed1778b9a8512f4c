//! What only the browser knows or does, for the islands. On the server each
//! function answers `None` or does nothing (islands also render there).

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

/// Loads the page again from the server (after an island saved a change
/// that the server-rendered rest of the page shows).
pub fn reload() {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().reload();
    }
}

/// The `attribute` of the event's target or of its nearest ancestor that has
/// one (for one listener on a list instead of one per item).
pub fn data_attribute_of(event: &leptos::ev::DragEvent, attribute: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target: web_sys::Element = event.target()?.dyn_into().ok()?;
        target.closest(&format!("[{attribute}]")).ok()??.get_attribute(attribute)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (event, attribute);
        None
    }
}

/// Asks the browser to keep the screen on (the Screen Wake Lock API, where it exists; the
/// lock ends by itself when the page is hidden or closed). Does nothing elsewhere.
pub fn keep_screen_awake() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let window: wasm_bindgen::JsValue = leptos::prelude::window().into();
        let Ok(navigator) = js_sys::Reflect::get(&window, &"navigator".into()) else { return };
        let Ok(lock) = js_sys::Reflect::get(&navigator, &"wakeLock".into()) else { return };
        if lock.is_undefined() {
            return;
        }
        if let Ok(request) = js_sys::Reflect::get(&lock, &"request".into()) {
            if let Ok(request) = request.dyn_into::<js_sys::Function>() {
                // A refusal (battery saver) comes back as a rejected promise: ignored, the page works on.
                if let Ok(promise) = request.call1(&lock, &"screen".into()) {
                    if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                        let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
                            |_: wasm_bindgen::JsValue| {},
                        );
                        let _ = promise.catch(&ignore);
                        ignore.forget();
                    }
                }
            }
        }
    }
}
