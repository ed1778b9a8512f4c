//! A recipe's image or a meal's photo: shown when there is one, and, for whoever may change
//! it, a plain multipart form to upload or replace it and a button to remove it (both post
//! without JavaScript; a refused file gets its message next to the field).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::{RemoveMealPhoto, RemoveRecipeImage, SetMealPhoto, SetRecipeImage};
use crate::ui::form::{posted_form_state, FieldError, FormError, BUTTON, BUTTON_QUIET, LABEL};

/// What the photo belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoOf {
    Recipe,
    Meal,
}

/// The address of a stored image, when `url` is one. An imported recipe may carry its
/// source page's image address; the page does not load other sites' images (its
/// Content-Security-Policy allows only its own).
pub fn stored_image(url: Option<&str>) -> Option<String> {
    url.filter(|u| u.starts_with("/media/") && u.len() <= 64).map(str::to_owned)
}

/// The image alone (the shared recipe page, for instance).
#[component]
pub fn Photo(url: Option<String>, #[prop(into)] alt: String) -> impl IntoView {
    stored_image(url.as_deref()).map(|src| {
        view! {
            <img src=src alt=alt class="mb-4 max-h-96 w-full rounded-lg border border-slate-300 bg-white object-cover" data-testid="photo"/>
        }
    })
}

/// The forms that upload, replace and remove the image (the page shows the image itself
/// where it belongs, with [`Photo`]).
#[component]
pub fn PhotoCard(of: PhotoOf, owner_id: String, url: Option<String>) -> impl IntoView {
    let (path, remove_path, id_field, noun) = match of {
        PhotoOf::Recipe => {
            (<SetRecipeImage as ServerFn>::PATH, <RemoveRecipeImage as ServerFn>::PATH, "recipe_id", "image")
        }
        PhotoOf::Meal => (<SetMealPhoto as ServerFn>::PATH, <RemoveMealPhoto as ServerFn>::PATH, "meal_id", "photo"),
    };
    let has_photo = stored_image(url.as_deref()).is_some();
    let error = posted_form_state(path);
    let remove_error = posted_form_state(remove_path);
    let field = error.field_id("file");
    let described = error.error_id("file");
    let heading = format!("{}-heading", id_field.replace('_', "-"));
    let labelled_by = heading.clone();
    let (title, choose) = match of {
        PhotoOf::Recipe => ("Image", "Choose an image (JPEG or PNG, at most 5 MB)"),
        PhotoOf::Meal => ("Photo", "Choose a photo (JPEG or PNG, at most 5 MB)"),
    };
    view! {
        <section class="mt-4 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby=labelled_by data-testid="photo-card">
            <h2 id=heading class="mb-2 text-lg font-semibold">{title}</h2>
            {(!has_photo).then(|| view! { <p class="mb-3 text-sm text-slate-700">{format!("No {noun} yet.")}</p> })}
            <form method="post" action=path enctype="multipart/form-data" class="mb-3">
                <FormError error=error/>
                <input type="hidden" name=id_field value=owner_id.clone()/>
                <label for=field.clone() class=LABEL>{choose}</label>
                <input id=field type="file" name="file" required accept="image/jpeg,image/png"
                    class="mt-1 block w-full text-sm" aria-describedby=described/>
                <FieldError error=error field="file"/>
                <p class="mt-1 text-xs text-slate-700">"Its location and camera details are removed before it is kept."</p>
                <button type="submit" class=format!("mt-3 {BUTTON}")>
                    {if has_photo { format!("Replace the {noun}") } else { format!("Upload the {noun}") }}
                </button>
            </form>
            {has_photo.then(|| view! {
                <form method="post" action=remove_path>
                    <FormError error=remove_error/>
                    <input type="hidden" name=id_field value=owner_id.clone()/>
                    <button type="submit" class=BUTTON_QUIET>{format!("Remove the {noun}")}</button>
                </form>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::stored_image;

    #[test]
    fn only_stored_images_are_shown() {
        let id = "/media/0b7f5a0e-3c1d-4b8e-9a55-4f1f2d3c4b5a";
        assert_eq!(stored_image(Some(id)).as_deref(), Some(id));
        assert_eq!(stored_image(Some("https://example.org/soup.jpg")), None);
        assert_eq!(stored_image(Some("//evil.example/x.png")), None);
        assert_eq!(stored_image(None), None);
    }
}
