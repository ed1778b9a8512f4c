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

/// Whether this browser can scan barcodes: it has `BarcodeDetector` and a camera API.
pub fn can_scan_barcodes() -> bool {
    #[cfg(feature = "hydrate")]
    {
        let window: wasm_bindgen::JsValue = leptos::prelude::window().into();
        let has = |target: &wasm_bindgen::JsValue, name: &str| {
            js_sys::Reflect::get(target, &name.into()).is_ok_and(|v| !v.is_undefined() && !v.is_null())
        };
        let navigator = js_sys::Reflect::get(&window, &"navigator".into()).unwrap_or_default();
        let devices = js_sys::Reflect::get(&navigator, &"mediaDevices".into()).unwrap_or_default();
        has(&window, "BarcodeDetector") && has(&devices, "getUserMedia")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// Sets the value of the input with this id (a field the server rendered).
pub fn set_input_value(id: &str, value: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(input) = leptos::prelude::document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(value);
            let _ = input.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (id, value);
    }
}

/// Stops the camera shown in `video` (its stream's tracks), which also ends a scan.
pub fn stop_camera(video: leptos::prelude::NodeRef<leptos::html::Video>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::GetUntracked;
        use wasm_bindgen::JsCast;
        let Some(video) = video.get_untracked() else { return };
        if let Some(stream) = video.src_object().and_then(|s| s.dyn_into::<web_sys::MediaStream>().ok()) {
            stop_tracks(&stream);
        }
        video.set_src_object(None);
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = video;
    }
}

/// Ends a camera stream (the browser's "camera in use" light goes off).
#[cfg(feature = "hydrate")]
fn stop_tracks(stream: &web_sys::MediaStream) {
    use wasm_bindgen::JsCast;
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// How long a scan looks before giving up, in tries four times a second.
#[cfg(feature = "hydrate")]
const SCAN_TRIES: u32 = 120;

/// Opens the back camera in `video` and looks for a barcode four times a second, for at most
/// 30 seconds; `done` gets the code, or the message to show. The camera is stopped either way.
pub fn scan_barcode(
    video: leptos::prelude::NodeRef<leptos::html::Video>,
    done: impl Fn(Result<String, &'static str>) + 'static,
) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let found = scan(video).await;
        stop_camera(video);
        done(found);
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (video, done);
    }
}

#[cfg(feature = "hydrate")]
async fn scan(video: leptos::prelude::NodeRef<leptos::html::Video>) -> Result<String, &'static str> {
    use js_sys::{Array, Function, Object, Promise, Reflect};
    use leptos::prelude::GetUntracked;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    const NO_CAMERA: &str = "The camera could not be opened: type the barcode instead.";
    let window = leptos::prelude::window();
    let class: Function = Reflect::get(&window, &"BarcodeDetector".into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("This browser cannot scan barcodes: type it instead.")?;
    let detector = Reflect::construct(&class, &Array::new()).map_err(|_| "The barcode scanner could not start.")?;
    let detect: Function = Reflect::get(&detector, &"detect".into())
        .ok()
        .and_then(|d| d.dyn_into().ok())
        .ok_or("The barcode scanner could not start.")?;
    let camera = Object::new();
    let _ = Reflect::set(&camera, &"facingMode".into(), &"environment".into());
    let constraints = Object::new();
    let _ = Reflect::set(&constraints, &"video".into(), &camera);
    let devices = window.navigator().media_devices().map_err(|_| NO_CAMERA)?;
    let asked = devices.get_user_media_with_constraints(constraints.unchecked_ref()).map_err(|_| NO_CAMERA)?;
    let stream: web_sys::MediaStream =
        JsFuture::from(asked).await.ok().and_then(|s| s.dyn_into().ok()).ok_or(NO_CAMERA)?;
    let Some(element) = video.get_untracked() else {
        stop_tracks(&stream);
        return Err(NO_CAMERA);
    };
    element.set_src_object(Some(&stream));
    if let Ok(playing) = element.play() {
        let _ = JsFuture::from(playing).await;
    }
    for _ in 0..SCAN_TRIES {
        // Stopped by the person ("Stop scanning").
        if element.src_object().is_none() {
            return Err("Scanning stopped.");
        }
        if let Some(promise) = detect.call1(&detector, &element).ok().and_then(|p| p.dyn_into::<Promise>().ok()) {
            if let Ok(codes) = JsFuture::from(promise).await {
                let first = Array::from(&codes).get(0);
                if let Some(code) = Reflect::get(&first, &"rawValue".into()).ok().and_then(|v| v.as_string()) {
                    let code: String = code.trim().chars().take(64).collect();
                    if !code.is_empty() {
                        return Ok(code);
                    }
                }
            }
        }
        let wait = Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 250);
        });
        let _ = JsFuture::from(wait).await;
    }
    Err("No barcode found: type it instead.")
}
