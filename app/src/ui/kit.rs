//! Page pieces every module uses, so pages look and read alike.

use leptos::prelude::*;

/// The page's title and, optionally, one line saying what the page is for.
#[component]
pub fn PageHeader(#[prop(into)] title: String, #[prop(optional, into)] lead: Option<String>) -> impl IntoView {
    view! {
        <h1 class="mb-1 text-2xl font-bold">{title}</h1>
        {match lead {
            Some(lead) => view! { <p class="mb-4 text-sm text-slate-700">{lead}</p> }.into_any(),
            None => view! { <div class="mb-3"></div> }.into_any(),
        }}
    }
}

/// A titled section of a page. `id` names its heading for `aria-labelledby`.
#[component]
pub fn Card(#[prop(into)] title: String, id: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="rounded-lg border border-slate-300 bg-white p-4" aria-labelledby=id>
            <h2 id=id class="mb-3 text-lg font-semibold">{title}</h2>
            {children()}
        </section>
    }
}

/// What a list says before anything is in it: what to do first.
#[component]
pub fn EmptyState(#[prop(into)] text: String, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! { <p class="text-slate-800" data-testid=testid>{text}</p> }
}
