//! Form pieces: a labelled field with its error underneath.

use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::error::{AppError, FormFlash};

/// A form's state: the error of its last submission and, after a failed
/// post without JavaScript, what was typed (from the one-time flash the page
/// brought). Fields read both: the message beside the field, and the typed
/// value instead of the default. `form` makes ids unique per form.
#[derive(Clone, Copy)]
pub struct FormState {
    error: Signal<Option<AppError>>,
    typed: StoredValue<Option<BTreeMap<String, String>>>,
    form: StoredValue<String>,
}

/// Kept for the components that name the type of their `error` prop.
pub type ActionError = FormState;

impl FormState {
    pub fn get(&self) -> Option<AppError> {
        self.error.get()
    }

    /// What was typed into `name` before a failed post without JavaScript.
    pub fn typed(&self, name: &str) -> Option<String> {
        self.typed.with_value(|t| t.as_ref().and_then(|t| t.get(name).cloned()))
    }

    /// Whether this form came back from a failed post without JavaScript.
    pub fn has_typed(&self) -> bool {
        self.typed.with_value(Option::is_some)
    }

    /// A document-unique id for a field of this form.
    pub fn field_id(&self, name: &str) -> String {
        self.form.with_value(|f| format!("f-{f}-{name}"))
    }

    pub fn error_id(&self, name: &str) -> String {
        self.form.with_value(|f| format!("{f}-{name}-error"))
    }

    /// The state of one of several like forms on a page (one per card), told apart by the
    /// value `key` of their hidden `field`: its ids carry `key`, and a failed post's message
    /// and typed values show only on the form that was posted.
    pub fn scoped(self, field: &str, key: &str) -> FormState {
        let mine = self.typed(field).as_deref() == Some(key);
        let error = self.error;
        FormState {
            error: Signal::derive(move || if mine { error.get() } else { None }),
            typed: StoredValue::new(if mine { self.typed.get_value() } else { None }),
            form: StoredValue::new(format!("{}-{key}", self.form.get_value())),
        }
    }
}

/// The flash of a failed form post, as the page got it (see `ui::layout::Page`).
#[derive(Clone)]
pub struct PageFlash(pub Option<FormFlash>);

pub fn action_error<S>(action: ServerAction<S>) -> FormState
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let posted = posted_form_state(S::PATH);
    let flash_error = posted.error;
    let error = Signal::derive(move || match action.value().get() {
        Some(result) => result.err(),
        // Until this page submits the form itself, show what the server
        // answered the last post without JavaScript.
        None => flash_error.get(),
    });
    FormState { error, ..posted }
}

/// The state of the form posting to the server function at `path`, as the page's flash
/// gives it: the error and typed values of its last failed post without JavaScript. A form
/// that only posts as plain HTML (a file upload, multipart) uses it as it is.
pub fn posted_form_state(path: &'static str) -> FormState {
    let flash = use_context::<PageFlash>().and_then(|f| f.0).filter(|f| f.path == path);
    let flash_error = flash.as_ref().map(|f| f.error.clone());
    let typed = flash.map(|f| f.values);
    let form = path.trim_start_matches("/api/").replace('/', "-");
    FormState {
        error: Signal::derive(move || flash_error.clone()),
        typed: StoredValue::new(typed),
        form: StoredValue::new(form),
    }
}

/// The message for one field, or nothing.
#[component]
pub fn FieldError(error: ActionError, #[prop(into)] field: String) -> impl IntoView {
    let id = error.error_id(&field);
    let field_for_msg = field.clone();
    move || {
        error.get().and_then(|e| e.field(&field_for_msg)).map(|msg| {
            view! { <p id=id.clone() class="mt-1 text-sm text-red-700" role="alert">{msg}</p> }
        })
    }
}

/// The form-wide message (wrong password, too many attempts, …).
#[component]
pub fn FormError(error: ActionError) -> impl IntoView {
    move || {
        error.get().and_then(|e| e.field("form").or_else(|| e.form_message())).map(|msg| {
            view! { <p class="mb-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" role="alert">{msg}</p> }
        })
    }
}

pub const INPUT: &str = "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-base focus:border-sky-700 focus:outline-none focus:ring-2 focus:ring-sky-600";
pub const LABEL: &str = "block text-sm font-medium text-slate-800";
pub const BUTTON: &str = "inline-flex items-center justify-center rounded bg-sky-800 px-4 py-2 font-semibold text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2";
pub const BUTTON_QUIET: &str = "inline-flex items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-sky-600";
pub const BUTTON_DANGER: &str = "inline-flex items-center justify-center rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600 focus:ring-offset-2";

/// A labelled text-like input with its field error.
#[component]
pub fn TextField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    error: ActionError,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] autocomplete: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = error.field_id(&name);
    let err_id = error.error_id(&name);
    let value = error.typed(&name).unwrap_or(value);
    let name_for_err = name.clone();
    let invalid = move || error.get().and_then(|e| e.field(&name_for_err)).is_some();
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>{label}</label>
            {hint.map(|h| view! { <p class="text-xs text-slate-700">{h}</p> })}
            <input
                id=id
                name=name.clone()
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                class=INPUT
                aria-invalid=move || invalid().to_string()
                aria-describedby=err_id
            />
            <FieldError error=error field=name/>
        </div>
    }
}

/// A labelled select with its field error. `blank` adds an empty first
/// option (for optional fields); `selected` preselects a value.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] options: Vec<(&'static str, &'static str)>,
    error: ActionError,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] blank: Option<&'static str>,
) -> impl IntoView {
    let id = error.field_id(name);
    let selected = error.typed(name).unwrap_or(selected);
    let blank_selected = selected.is_empty();
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>{label}</label>
            <select id=id name=name class=INPUT aria-describedby=error.error_id(name)>
                {blank.map(|text| view! { <option value="" selected=blank_selected>{text}</option> })}
                {options
                    .iter()
                    .map(|(value, text)| {
                        let is_selected = *value == selected;
                        view! { <option value=*value selected=is_selected>{*text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError error=error field=name/>
        </div>
    }
}

/// A labelled multi-line text field with its field error.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    error: ActionError,
    #[prop(optional, into)] value: String,
    #[prop(default = 3)] rows: u32,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = error.field_id(&name);
    let err_id = error.error_id(&name);
    let value = error.typed(&name).unwrap_or(value);
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>{label}</label>
            {hint.map(|h| view! { <p class="text-xs text-slate-700">{h}</p> })}
            <textarea id=id name=name.clone() rows=rows class=INPUT aria-describedby=err_id>{value}</textarea>
            <FieldError error=error field=name/>
        </div>
    }
}

/// A labelled checkbox (posts `on` when ticked, nothing when not).
#[component]
pub fn Checkbox(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    error: ActionError,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    let id = error.field_id(&name);
    // After a failed post, a ticked box came back as "on" and an unticked one not at all.
    let checked = if error.has_typed() { error.typed(&name).is_some() } else { checked };
    view! {
        <div class="mb-4 flex items-center gap-2">
            <input id=id.clone() type="checkbox" name=name.clone() value="on" checked=checked class="h-5 w-5"/>
            <label for=id class=LABEL>{label}</label>
            <FieldError error=error field=name/>
        </div>
    }
}

/// A labelled select whose options are data (e.g. a food's own measures),
/// not a fixed list: `(value, text)` pairs.
#[component]
pub fn ChoiceField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    error: ActionError,
    #[prop(optional, into)] selected: String,
) -> impl IntoView {
    let id = error.field_id(&name);
    let selected = error.typed(&name).unwrap_or(selected);
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>{label}</label>
            <select id=id name=name.clone() class=INPUT aria-describedby=error.error_id(&name)>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError error=error field=name/>
        </div>
    }
}
