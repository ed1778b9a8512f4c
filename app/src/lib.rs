//! WellTrack: the product. Leptos components, server functions and domain
//! logic, one folder per module (see `../shared/docs/architecture.md`).

pub mod account;
#[cfg(feature = "ssr")]
pub mod cpu;
pub mod dashboard;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod health;
pub mod input;
pub mod meals;
pub mod media;
pub mod modules;
pub mod pantry;
pub mod performance;
pub mod profiles;
#[cfg(feature = "ssr")]
pub mod time;
pub mod ui;
pub mod workouts;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use account::views::{AccountSettingsPage, SignInPage, SignUpPage};
use dashboard::views::DashboardPage;
use health::views::HealthPage;
use meals::views::{CookModePage, CookPage, MealPage, MealsPage, RecipePage, RecipesPage, SharedRecipePage};
use pantry::views::{LeftoversPage, PantryItemPage, PantryPage, UseItUpPage};
use performance::views::RecoveryPage;
use profiles::views::{EditProfilePage, ProfilesPage, TileSettingsPage};
use ui::not_found::NotFoundPage;
use workouts::views::WorkoutsPage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options.clone() islands=true/>
                <HashedStylesheet options id="leptos"/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-100 text-slate-900">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Async SSR: every page is complete HTML before it is sent, so it works
    // without JavaScript and a redirect (e.g. to sign-in) is a real 302.
    let ssr = SsrMode::Async;
    view! {
        <Title text="WellTrack"/>
        <a href="#main" class="sr-only focus:not-sr-only">"Skip to content"</a>
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=DashboardPage ssr=ssr.clone()/>
                <Route path=path!("/sign-in") view=SignInPage ssr=ssr.clone()/>
                <Route path=path!("/sign-up") view=SignUpPage ssr=ssr.clone()/>
                <Route path=path!("/health") view=HealthPage ssr=ssr.clone()/>
                <Route path=path!("/meals") view=MealsPage ssr=ssr.clone()/>
                <Route path=path!("/recipes") view=RecipesPage ssr=ssr.clone()/>
                <Route path=path!("/recipes/:id") view=RecipePage ssr=ssr.clone()/>
                <Route path=path!("/recipes/:id/cooked") view=CookPage ssr=ssr.clone()/>
                <Route path=path!("/recipes/:id/cook") view=CookModePage ssr=ssr.clone()/>
                <Route path=path!("/shared/recipes/:id") view=SharedRecipePage ssr=ssr.clone()/>
                <Route path=path!("/meals/:id") view=MealPage ssr=ssr.clone()/>
                <Route path=path!("/pantry") view=PantryPage ssr=ssr.clone()/>
                <Route path=path!("/pantry/:id") view=PantryItemPage ssr=ssr.clone()/>
                <Route path=path!("/leftovers") view=LeftoversPage ssr=ssr.clone()/>
                <Route path=path!("/use-it-up") view=UseItUpPage ssr=ssr.clone()/>
                <Route path=path!("/workouts") view=WorkoutsPage ssr=ssr.clone()/>
                <Route path=path!("/recovery") view=RecoveryPage ssr=ssr.clone()/>
                <Route path=path!("/profiles") view=ProfilesPage ssr=ssr.clone()/>
                <Route path=path!("/profiles/:id") view=EditProfilePage ssr=ssr.clone()/>
                <Route path=path!("/settings/dashboard") view=TileSettingsPage ssr=ssr.clone()/>
                <Route path=path!("/settings/account") view=AccountSettingsPage ssr=ssr/>
            </Routes>
        </Router>
    }
}
