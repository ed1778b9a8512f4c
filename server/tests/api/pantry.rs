use chrono::{Duration, Utc};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::accounts::profile;
use crate::helpers::{SignedUp, TestApp};
use app::pantry::api::{
    AddPantryItem, DeletePantryItem, LinkPantryFood, UnlinkPantryFood, UpdatePantryItem, UseUpPantryItem,
};
use app::pantry::logic::PantryItemForm;
use app::profiles::api::{CreateProfile, SwitchProfile};

fn item(name: &str, location: &str, expiry: &str) -> PantryItemForm {
    PantryItemForm {
        name: name.into(),
        location: location.into(),
        quantity: "2".into(),
        unit: "kg".into(),
        expiry_date: expiry.into(),
        ..Default::default()
    }
}

fn in_days(days: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days)).to_string()
}

async fn item_id(app: &TestApp, name: &str) -> Uuid {
    sqlx::query_scalar("select id from wt_pantry_items where name = $1").bind(name).fetch_one(&app.admin).await.unwrap()
}

#[tokio::test]
async fn every_profile_of_the_household_sees_one_pantry_sorted_by_expiry() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Pia").await;
    for (name, location, expiry) in
        [("Rice", "cupboard", in_days(200)), ("Milk", "fridge", in_days(2)), ("Peas", "freezer", in_days(90))]
    {
        let res = app.send(&client, AddPantryItem { form: item(name, location, &expiry) }).await;
        assert!(res.status().is_success(), "{name}: {}", res.status());
    }
    // The child profile adds one too; the parent's page lists all four.
    app.send(&client, CreateProfile { form: profile("Kit") }).await;
    let child: Uuid = sqlx::query_scalar("select id from wt_profiles where user_id = $1 and not is_primary")
        .bind(user_id)
        .fetch_one(&app.admin)
        .await
        .unwrap();
    app.send(&client, SwitchProfile { profile_id: child }).await;
    let res = app.send(&client, AddPantryItem { form: item("Yoghurt", "fridge", "") }).await;
    assert!(res.status().is_success());
    let owner: Uuid = sqlx::query_scalar("select profile_id from wt_pantry_items where name = 'Yoghurt'")
        .fetch_one(&app.admin)
        .await
        .unwrap();
    assert_eq!(owner, child, "a row belongs to the profile that added it");

    let (status, html) = app.get_html(&client, "/pantry").await;
    assert_eq!(status, StatusCode::OK);
    let order: Vec<usize> =
        ["Milk", "Peas", "Rice", "Yoghurt"].iter().map(|n| html.find(&format!(">{n}<")).expect(n)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "soonest first, undated last: {order:?}");
    assert!(html.contains("Use soon"), "milk expires in two days");
    let (_, fridge) = app.get_html(&client, "/pantry?location=fridge").await;
    assert!(fridge.contains(">Milk<") && fridge.contains(">Yoghurt<") && !fridge.contains(">Rice<"));
    let (_, by_name) = app.get_html(&client, "/pantry?sort=name").await;
    assert!(by_name.find(">Milk<").unwrap() < by_name.find(">Peas<").unwrap());
    assert!(by_name.find(">Peas<").unwrap() < by_name.find(">Rice<").unwrap());
}

#[tokio::test]
async fn an_item_is_changed_used_up_and_deleted() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Ola").await;
    app.send(&client, AddPantryItem { form: item("Butter", "fridge", &in_days(20)) }).await;
    let id = item_id(&app, "Butter").await;
    let res = app
        .send(
            &client,
            UpdatePantryItem {
                item_id: id.to_string(),
                form: PantryItemForm { quantity: "0.25".into(), ..item("Butter", "freezer", "") },
            },
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let (q, location): (f64, String) =
        sqlx::query_as("select quantity::float8, category::text from wt_pantry_items where id = $1")
            .bind(id)
            .fetch_one(&app.admin)
            .await
            .unwrap();
    assert_eq!((q, location.as_str()), (0.25, "freezer"));
    let (status, page) = app.get_html(&client, &format!("/pantry/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"0.25\""), "the edit form is filled in");

    let res = app.send(&client, UseUpPantryItem { item_id: id.to_string() }).await;
    assert!(res.status().is_success());
    let (_, html) = app.get_html(&client, "/pantry").await;
    assert!(!html.contains(">Butter<"), "a used-up item leaves the list");
    let again = app.send(&client, UseUpPantryItem { item_id: id.to_string() }).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "nothing in stock to use up");

    let res = app.send(&client, DeletePantryItem { item_id: id.to_string() }).await;
    assert!(res.status().is_success());
    let left: i64 = sqlx::query_scalar("select count(*) from wt_pantry_items").fetch_one(&app.admin).await.unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn another_households_item_is_a_404_and_stays_as_it_was() {
    let app = TestApp::spawn().await;
    let SignedUp { client: owner, .. } = app.sign_up("Una").await;
    let SignedUp { client: other, .. } = app.sign_up("Vic").await;
    app.send(&owner, AddPantryItem { form: item("Saffron", "cupboard", &in_days(300)) }).await;
    let id = item_id(&app, "Saffron").await.to_string();
    let before: String =
        sqlx::query_scalar("select row_to_json(i)::text from wt_pantry_items i").fetch_one(&app.admin).await.unwrap();

    let update = app.send(&other, UpdatePantryItem { item_id: id.clone(), form: item("Mine now", "fridge", "") }).await;
    assert_eq!(update.status(), StatusCode::NOT_FOUND);
    let use_up = app.send(&other, UseUpPantryItem { item_id: id.clone() }).await;
    assert_eq!(use_up.status(), StatusCode::NOT_FOUND);
    let delete = app.send(&other, DeletePantryItem { item_id: id.clone() }).await;
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);
    let (status, _) = app.get_html(&other, &format!("/pantry/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.get_html(&other, "/pantry").await;
    assert!(!list.contains("Saffron"), "not listed for another household");
    for bad in ["not-an-id", &"9".repeat(100)] {
        let res = app.send(&other, DeletePantryItem { item_id: bad.to_owned() }).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }

    let after: String =
        sqlx::query_scalar("select row_to_json(i)::text from wt_pantry_items i").fetch_one(&app.admin).await.unwrap();
    assert_eq!(before, after, "nothing written");
}

#[tokio::test]
async fn bad_input_is_refused_next_to_each_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Wes").await;
    let form = PantryItemForm {
        name: "".into(),
        location: "garage".into(),
        quantity: "-3".into(),
        unit: "u".repeat(40),
        expiry_date: "3000-01-01".into(),
        barcode: "12345".into(),
        cost: "free".into(),
        notes: "".into(),
    };
    let res = app.send(&client, AddPantryItem { form }).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    for field in ["name", "location", "quantity", "unit", "expiry_date", "barcode", "cost"] {
        assert!(body["Invalid"][field].is_string(), "{field}: {body}");
    }
    // Without JavaScript the form comes back with the message and what was typed.
    let res = app
        .post_html_form(
            &client,
            "pantry/add",
            "/pantry",
            &[("name", "Oats"), ("location", "cupboard"), ("quantity", "lots")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let (_, html) = app.get_html(&client, "/pantry").await;
    assert!(html.contains("Enter the quantity as a number."), "the message next to the field");
    assert!(html.contains("value=\"Oats\""), "what was typed is kept");
    let rows: i64 = sqlx::query_scalar("select count(*) from wt_pantry_items").fetch_one(&app.admin).await.unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn the_pantry_tile_counts_what_expires_soon() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Xia").await;
    for (name, days) in [("Spinach", -1), ("Cream", 1), ("Ham", 3), ("Cheese", 10)] {
        app.send(&client, AddPantryItem { form: item(name, "fridge", &in_days(days)) }).await;
    }
    let (_, html) = app.get_html(&client, "/").await;
    let Some(tile) = html.split("data-module=\"pantry\"").nth(1) else {
        panic!("the pantry tile is on the dashboard: {html}");
    };
    let tile = &tile[..tile.find("</section>").unwrap_or(tile.len())];
    assert!(tile.contains("3 items"), "{tile}");
    assert!(tile.contains("Spinach, Cream, Ham") && !tile.contains("Cheese"), "{tile}");
}

#[tokio::test]
async fn a_large_pantry_is_listed_a_page_at_a_time_soonest_expiry_first() {
    let app = TestApp::spawn().await;
    let SignedUp { client, email: _, user_id } = app.sign_up("Yan").await;
    let profile = app.primary_profile(user_id).await;
    // 60 items written directly (the form path is tested above), expiring one a day.
    sqlx::query(
        "insert into wt_pantry_items (profile_id, name, category, expiry_date) \
         select $1, 'Item ' || lpad(n::text, 2, '0'), 'cupboard', current_date + n from generate_series(1, 60) n",
    )
    .bind(profile)
    .execute(&app.admin)
    .await
    .unwrap();
    let (_, first) = app.get_html(&client, "/pantry").await;
    assert_eq!(first.matches("data-testid=\"pantry-item\"").count(), 50);
    assert!(first.contains(">Item 01<") && first.contains(">Item 50<") && !first.contains(">Item 51<"));
    assert!(first.contains("Items 1–50 of 60 · page 1 of 2"), "the pager says where we are");
    assert!(first.contains("href=\"/pantry?page=2\""));
    let (_, second) = app.get_html(&client, "/pantry?page=2").await;
    assert_eq!(second.matches("data-testid=\"pantry-item\"").count(), 10);
    assert!(second.contains(">Item 51<") && second.contains(">Item 60<"));
    // Past the end, or not a number: the first page.
    for path in ["/pantry?page=9", "/pantry?page=-1", "/pantry?page=abc", "/pantry?page=99999999999"] {
        let (status, html) = app.get_html(&client, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(">Item 01<"), "{path}");
    }
}

async fn linked_food(app: &TestApp, id: Uuid) -> Option<String> {
    sqlx::query_scalar("select food_ndb_no from wt_pantry_items where id = $1")
        .bind(id)
        .fetch_one(&app.admin)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_item_is_linked_to_the_food_its_name_suggests_or_a_search_finds_and_unlinked() {
    let app = TestApp::spawn().await;
    let SignedUp { client, .. } = app.sign_up("Abe").await;
    app.send(&client, AddPantryItem { form: item("Free-range eggs", "fridge", &in_days(14)) }).await;
    let id = item_id(&app, "Free-range eggs").await;

    // Not linked: the page offers the foods its key words find ("egg", without "free-range").
    let (status, html) = app.get_html(&client, &format!("/pantry/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Not linked."), "{html}");
    assert!(html.contains("aria-label=\"Link to Egg,"), "{html}");

    // A search finds other foods.
    let (_, searched) = app.get_html(&client, &format!("/pantry/{id}?q=lentils+boiled")).await;
    assert!(searched.contains("Link to Lentils, mature seeds, cooked, boiled"), "{searched}");

    let res = app.send(&client, LinkPantryFood { item_id: id.to_string(), food_ndb_no: " 01123 ".into() }).await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(linked_food(&app, id).await.as_deref(), Some("01123"));
    let (_, linked) = app.get_html(&client, &format!("/pantry/{id}")).await;
    assert!(linked.contains("Linked to <strong>Egg, whole, raw, fresh</strong>"), "{linked}");
    assert!(!linked.contains("data-testid=\"food-result\""), "linked, nothing searched: no list");

    let res = app.send(&client, UnlinkPantryFood { item_id: id.to_string() }).await;
    assert!(res.status().is_success());
    assert_eq!(linked_food(&app, id).await, None);
    // Editing the item keeps its link; it is changed only by linking.
    app.send(&client, LinkPantryFood { item_id: id.to_string(), food_ndb_no: "01123".into() }).await;
    app.send(&client, UpdatePantryItem { item_id: id.to_string(), form: item("Eggs", "fridge", "") }).await;
    assert_eq!(linked_food(&app, id).await.as_deref(), Some("01123"));
}

#[tokio::test]
async fn a_food_link_is_refused_for_an_unknown_food_and_another_households_item() {
    let app = TestApp::spawn().await;
    let SignedUp { client: owner, .. } = app.sign_up("Bea").await;
    let SignedUp { client: other, .. } = app.sign_up("Cal").await;
    app.send(&owner, AddPantryItem { form: item("Saffron", "cupboard", "") }).await;
    let id = item_id(&app, "Saffron").await;

    for bad in ["99999", "", &"0".repeat(5_000)] {
        let res = app.send(&owner, LinkPantryFood { item_id: id.to_string(), food_ndb_no: bad.to_owned() }).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad:.10}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["Invalid"]["food_ndb_no"].is_string(), "{body}");
    }
    assert_eq!(linked_food(&app, id).await, None);
    // Without JavaScript the message comes back on the item's page.
    let page = format!("/pantry/{id}");
    let res = app
        .post_html_form(&owner, "pantry/link-food", &page, &[("item_id", &id.to_string()), ("food_ndb_no", "x")])
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let (_, html) = app.get_html(&owner, &page).await;
    assert!(html.contains("Choose a food from the search results."), "{html}");

    app.send(&owner, LinkPantryFood { item_id: id.to_string(), food_ndb_no: "02037".into() }).await;
    let before: String =
        sqlx::query_scalar("select row_to_json(i)::text from wt_pantry_items i").fetch_one(&app.admin).await.unwrap();
    let link = app.send(&other, LinkPantryFood { item_id: id.to_string(), food_ndb_no: "01123".into() }).await;
    assert_eq!(link.status(), StatusCode::NOT_FOUND);
    let unlink = app.send(&other, UnlinkPantryFood { item_id: id.to_string() }).await;
    assert_eq!(unlink.status(), StatusCode::NOT_FOUND);
    let bad_id = app.send(&other, UnlinkPantryFood { item_id: "not-an-id".into() }).await;
    assert_eq!(bad_id.status(), StatusCode::NOT_FOUND);
    let after: String =
        sqlx::query_scalar("select row_to_json(i)::text from wt_pantry_items i").fetch_one(&app.admin).await.unwrap();
    assert_eq!(before, after, "nothing written");
}
