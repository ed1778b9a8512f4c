//! Recipe images and meal photos: kept without their metadata, served at `/media/<id>` to the
//! household (and, for a shared recipe, to anyone), refused for another household, and
//! gone with their recipe or meal.

use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::{SignedUp, TestApp};
use crate::recipes::create_recipe;

/// A photo as Chromium renders our recipe card (see `import.rs`): a real PNG.
const CARD_PHOTO: &[u8] = include_bytes!("../fixtures/recipe-card.png");

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

/// A phone's JPEG in structure: JFIF, an Exif block naming a place and a camera, an XMP
/// packet, a frame, a scan and bytes after its end.
fn phone_jpeg() -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    exif.extend(b"GPSLatitude 48.8584 N; BodySerialNumber 0042");
    let mut j = vec![0xFF, 0xD8];
    j.extend(segment(0xE0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"));
    j.extend(segment(0xE1, &exif));
    j.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Our kitchen</x:xmpmeta>"));
    j.extend(segment(0xDB, &[1u8; 65]));
    j.extend(segment(0xC0, &[0x08, 0x0B, 0xD0, 0x0F, 0xC0, 0x01, 0x01, 0x11, 0x00]));
    j.extend(segment(0xDA, &[0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]));
    j.extend([0x12, 0xFF, 0x00, 0x34, 0x56]);
    j.extend([0xFF, 0xD9]);
    j.extend(b"trailer: owner Ada");
    j
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    id_field: &str,
    id: &str,
    file: Vec<u8>,
    accept: &str,
) -> reqwest::Response {
    app.upload(client, &format!("media/{endpoint}"), &[(id_field, id)], file, accept, "/recipes").await
}

async fn recipe_image(app: &TestApp, client: &reqwest::Client, recipe: Uuid, file: Vec<u8>) -> reqwest::Response {
    upload(app, client, "recipe-image", "recipe_id", &recipe.to_string(), file, "application/json").await
}

async fn image_url(app: &TestApp, recipe: Uuid) -> Option<String> {
    sqlx::query_scalar("select image_url from wt_recipes where id = $1")
        .bind(recipe)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

async fn images(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from media.images").fetch_one(&app.admin).await.unwrap()
}

#[tokio::test]
async fn a_recipe_image_is_kept_without_its_metadata_and_shown_to_the_household_only() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ada").await;
    let recipe = create_recipe(&app, &client, "Plum cake", "8").await;
    let res = recipe_image(&app, &client, recipe, phone_jpeg()).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let url = image_url(&app, recipe).await.expect("the recipe has an image");
    assert!(url.starts_with("/media/"), "{url}");

    let res = client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[reqwest::header::CONTENT_TYPE], "image/jpeg");
    let cache = res.headers()[reqwest::header::CACHE_CONTROL].to_str().unwrap().to_owned();
    assert!(cache.contains("private") && cache.contains("immutable"), "{cache}");
    let served = res.bytes().await.unwrap();
    for secret in [&b"GPS"[..], b"Serial", b"xmpmeta", b"Our kitchen", b"owner Ada"] {
        assert!(!contains(&served, secret), "{} served", String::from_utf8_lossy(secret));
    }
    assert!(contains(&served, &[0x12, 0xFF, 0x00, 0x34, 0x56, 0xFF, 0xD9]), "the picture is kept");
    assert!(served.ends_with(&[0xFF, 0xD9]));
    assert!(contains(&served, b"Exif\0\0MM"), "the orientation (6) is kept in a new Exif segment");
    let (_, html) = app.get_html(&client, &format!("/recipes/{recipe}")).await;
    assert!(html.contains(&format!("src=\"{url}\"")), "the recipe page shows it");

    // Another household: not served, not replaced, not removed.
    let SignedUp { client: other, .. } = app.sign_up("Bo").await;
    assert_eq!(other.get(app.url(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(app.client().get(app.url(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "signed out");
    let res = recipe_image(&app, &other, recipe, CARD_PHOTO.to_vec()).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.call(&other, "media/recipe-image/remove", &[("recipe_id", &recipe.to_string())]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(image_url(&app, recipe).await.as_deref(), Some(url.as_str()), "nothing written");
    assert_eq!(images(&app).await, 1);
    assert_eq!(client.get(app.url(&url)).send().await.unwrap().status(), StatusCode::OK);

    // Shared: anyone with the link sees the image, on the shared page too; still nobody
    // else may change it.
    sqlx::query("update wt_recipes set is_public = true where id = $1").bind(recipe).execute(&app.admin).await.unwrap();
    let visitor = app.client();
    assert_eq!(visitor.get(app.url(&url)).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(other.get(app.url(&url)).send().await.unwrap().status(), StatusCode::OK);
    let (status, html) = app.get_html(&visitor, &format!("/shared/recipes/{recipe}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("src=\"{url}\"")), "the shared page shows it");
    assert_eq!(recipe_image(&app, &other, recipe, CARD_PHOTO.to_vec()).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(image_url(&app, recipe).await.as_deref(), Some(url.as_str()));

    // Replacing makes a new address; the old one is gone. Removing clears it.
    let res = recipe_image(&app, &client, recipe, CARD_PHOTO.to_vec()).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let replaced = image_url(&app, recipe).await.unwrap();
    assert_ne!(replaced, url);
    assert_eq!(client.get(app.url(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let res = client.get(app.url(&replaced)).send().await.unwrap();
    assert_eq!(res.headers()[reqwest::header::CONTENT_TYPE], "image/png");
    assert_eq!(res.bytes().await.unwrap().len(), CARD_PHOTO.len(), "a PNG without text chunks is kept whole");
    assert_eq!(images(&app).await, 1);
    let res = app.call(&client, "media/recipe-image/remove", &[("recipe_id", &recipe.to_string())]).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    assert_eq!(image_url(&app, recipe).await, None);
    assert_eq!(images(&app).await, 0);
    assert_eq!(client.get(app.url(&replaced)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_meal_photo_is_the_households_and_goes_with_its_meal() {
    let app = TestApp::spawn().await;
    let SignedUp { client, user_id, .. } = app.sign_up("Cy").await;
    let profile = app.primary_profile(user_id).await;
    let meal: Uuid = sqlx::query_scalar(
        "insert into wt_meals (profile_id, meal_date, meal_type, name) values ($1, current_date, 'dinner', 'Soup night') \
         returning id",
    )
    .bind(profile)
    .fetch_one(&app.admin)
    .await
    .unwrap();
    let res =
        upload(&app, &client, "meal-photo", "meal_id", &meal.to_string(), CARD_PHOTO.to_vec(), "application/json")
            .await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let url: Option<String> = sqlx::query_scalar("select photo_url from wt_meals where id = $1")
        .bind(meal)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    let url = url.expect("the meal has a photo");
    let (_, html) = app.get_html(&client, &format!("/meals/{meal}")).await;
    assert!(html.contains(&format!("src=\"{url}\"")), "the meal page shows it");
    assert!(html.contains("Remove the photo"));

    let SignedUp { client: other, .. } = app.sign_up("Di").await;
    assert_eq!(other.get(app.url(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let res =
        upload(&app, &other, "meal-photo", "meal_id", &meal.to_string(), CARD_PHOTO.to_vec(), "application/json").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.call(&other, "media/meal-photo/remove", &[("meal_id", &meal.to_string())]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(client.get(app.url(&url)).send().await.unwrap().status(), StatusCode::OK, "still there");

    // Deleting the meal deletes its photo.
    sqlx::query("delete from wt_meals where id = $1").bind(meal).execute(&app.admin).await.unwrap();
    assert_eq!(images(&app).await, 0);
    assert_eq!(client.get(app.url(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_photos_are_refused_next_to_the_field_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ed").await;
    let recipe = create_recipe(&app, &client, "Bean stew", "4").await;
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend(50_000u32.to_be_bytes());
    bomb.extend([8, 0, 0, 0, 0]);
    let mut large = CARD_PHOTO.to_vec();
    large.resize(app::media::logic::MAX_IMAGE_BYTES + 1, 0);
    let whole = phone_jpeg();
    let cut = whole[..whole.len() - 24].to_vec();
    for (file, expected) in [
        (b"<html>not a photo</html>".to_vec(), "JPEG or PNG file"),
        (Vec::new(), "Choose a photo"),
        (bomb, "megapixels"),
        (large, "larger than 5 MB"),
        (cut, "damaged"),
    ] {
        let res = recipe_image(&app, &client, recipe, file).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        let body: serde_json::Value = res.json().await.unwrap();
        let message = body["Invalid"]["file"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(expected), "{expected}: {body}");
    }
    // An unknown or malformed id is a 404.
    for id in [Uuid::new_v4().to_string(), "not-an-id".into()] {
        let res =
            upload(&app, &client, "recipe-image", "recipe_id", &id, CARD_PHOTO.to_vec(), "application/json").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{id}");
    }
    assert_eq!(client.get(app.url("/media/not-an-id")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // Without JavaScript the message comes back on the recipe page, next to the field.
    let page = format!("/recipes/{recipe}");
    let res = app
        .upload(
            &client,
            "media/recipe-image",
            &[("recipe_id", &recipe.to_string())],
            b"plain text".to_vec(),
            "text/html",
            &page,
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (_, html) = app.get_html(&client, &format!("/recipes/{recipe}")).await;
    assert!(html.contains("Choose a photo as a JPEG or PNG file."), "{html}");
    // Not multipart: refused before anything reads it (415); past the body limit: 413.
    let res = app.call(&client, "media/recipe-image", &[("recipe_id", &recipe.to_string())]).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let res = recipe_image(&app, &client, recipe, vec![0xFF; 7 * 1024 * 1024]).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Signed out: refused before the file is read.
    let res = recipe_image(&app, &app.client(), recipe, CARD_PHOTO.to_vec()).await;
    assert!(matches!(res.status(), StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN), "{}", res.status());
    assert_eq!(images(&app).await, 0, "nothing kept");
    assert_eq!(image_url(&app, recipe).await, None);
}
