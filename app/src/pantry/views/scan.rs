//! Scanning a pantry item's barcode with the camera, where the browser has `BarcodeDetector`
//! (an island). On the server and without JavaScript it renders nothing and the barcode is
//! typed; in a browser without the detector or a camera it stays hidden too. The code found
//! is written into the form's barcode field (found by its id), to check and save as typed.

use leptos::prelude::*;

use crate::ui::form::BUTTON_QUIET;

#[island]
pub fn BarcodeScanner(input_id: String) -> impl IntoView {
    let supported = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let video = NodeRef::<leptos::html::Video>::new();
    let input_id = StoredValue::new(input_id);
    Effect::new(move |_| supported.set(crate::ui::browser::can_scan_barcodes()));
    let start = move |_| {
        scanning.set(true);
        status.set("Hold the barcode in front of the camera.".into());
        crate::ui::browser::scan_barcode(video, move |found| {
            scanning.set(false);
            match found {
                Ok(code) => {
                    input_id.with_value(|id| crate::ui::browser::set_input_value(id, &code));
                    status.set(format!("Found {code}: check it, then save."));
                }
                Err(message) => status.set(message.to_owned()),
            }
        });
    };
    let stop = move |_| {
        crate::ui::browser::stop_camera(video);
        scanning.set(false);
        status.set(String::new());
    };
    view! {
        <Show when=move || supported.get()>
            <div class="mb-3" data-testid="barcode-scanner">
                <Show
                    when=move || scanning.get()
                    fallback=move || view! { <button type="button" class=BUTTON_QUIET on:click=start>"Scan the barcode with the camera"</button> }
                >
                    <button type="button" class=BUTTON_QUIET on:click=stop>"Stop scanning"</button>
                </Show>
                <video node_ref=video class=move || if scanning.get() { "mt-2 w-full max-w-xs rounded border border-slate-300" } else { "hidden" }
                    playsinline=true muted=true aria-label="Camera view"></video>
                <p role="status" aria-live="polite" class="mt-1 text-sm" data-testid="scan-status">{move || status.get()}</p>
            </div>
        </Show>
    }
}
