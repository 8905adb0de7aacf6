//! What the expense forms and filters need besides the expenses: the user's today, base
//! currency and categories.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    AppError,
    auth::api::current_user,
    categories::{CategoryView, api::list_categories},
};

/// What the forms need besides the expense: the user's today (in their time zone), their base
/// currency and their categories. Loaded on the server and sent along with the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntrySetup {
    pub today: NaiveDate,
    pub base_currency: String,
    pub categories: Vec<CategoryView>,
}

pub async fn load_setup() -> Result<EntrySetup, AppError> {
    let user = current_user()
        .await?
        .ok_or_else(|| AppError::unauthorized("Your session has ended. Sign in again."))?;
    Ok(EntrySetup {
        today: today_in(&user.timezone),
        base_currency: user.base_currency,
        categories: list_categories().await?,
    })
}

#[cfg(feature = "ssr")]
fn today_in(zone: &str) -> NaiveDate {
    let zone: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    chrono::Utc::now().with_timezone(&zone).date_naive()
}

/// Only reached if the setup is loaded again in the browser (it is normally sent with the page).
#[cfg(not(feature = "ssr"))]
fn today_in(zone: &str) -> NaiveDate {
    #[cfg(feature = "hydrate")]
    {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into());
        let now = js_sys::Date::new_0();
        // en-CA writes dates as YYYY-MM-DD.
        let local: String = now.to_locale_date_string("en-CA", &options).into();
        let utc: String = now.to_iso_string().into();
        local
            .parse()
            .ok()
            .or_else(|| utc.get(..10)?.parse().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = zone;
        NaiveDate::default()
    }
}
