//! Form pieces: a labelled field with its error underneath.

use leptos::prelude::*;

use crate::error::AppError;

/// The error of the last submission of a server action, as a signal.
pub type ActionError = Signal<Option<AppError>>;

pub fn action_error<S>(action: ServerAction<S>) -> ActionError
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// The message for one field, or nothing.
#[component]
pub fn FieldError(error: ActionError, #[prop(into)] field: String) -> impl IntoView {
    let id = format!("{field}-error");
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
    let id = format!("f-{name}");
    let err_id = format!("{name}-error");
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
    options: &'static [(&'static str, &'static str)],
    error: ActionError,
    #[prop(optional, into)] selected: String,
    #[prop(optional)] blank: Option<&'static str>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let blank_selected = selected.is_empty();
    view! {
        <div class="mb-4">
            <label for=id.clone() class=LABEL>{label}</label>
            <select id=id name=name class=INPUT aria-describedby=format!("{name}-error")>
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
