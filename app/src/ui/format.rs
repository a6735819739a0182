//! Display formats of the UI: dates as jj/mm/aaaa, times in Europe/Paris.

use chrono::{DateTime, Utc};

/// Offset of Europe/Paris at `at` (CET/CEST: last Sunday of March 01:00 UTC to last Sunday of
/// October 01:00 UTC), to avoid shipping a time-zone database to the browser.
fn paris_offset_hours(at: DateTime<Utc>) -> i64 {
    use chrono::{Datelike, NaiveDate, TimeZone, Weekday};
    let year = at.year();
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(year, month, 31).expect("valid date");
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().expect("valid date");
        }
        Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).expect("valid time"))
    };
    if at >= last_sunday(3) && at < last_sunday(10) {
        2
    } else {
        1
    }
}

/// "22/03/2023 à 11:28" (Europe/Paris). Formatted by hand: chrono's `format` would ship its strftime
/// interpreter to the browser.
pub fn date_time(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let l = at + chrono::Duration::hours(paris_offset_hours(at));
    format!("{:02}/{:02}/{} à {:02}:{:02}", l.day(), l.month(), l.year(), l.hour(), l.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_french_and_in_paris_time() {
        assert_eq!(date_time(Utc.with_ymd_and_hms(2023, 3, 22, 10, 28, 0).unwrap()), "22/03/2023 à 11:28");
        assert_eq!(date_time(Utc.with_ymd_and_hms(2023, 7, 14, 10, 0, 0).unwrap()), "14/07/2023 à 12:00");
        // Change to summer time on 26/03/2023 at 01:00 UTC.
        assert_eq!(date_time(Utc.with_ymd_and_hms(2023, 3, 26, 0, 59, 0).unwrap()), "26/03/2023 à 01:59");
        assert_eq!(date_time(Utc.with_ymd_and_hms(2023, 3, 26, 1, 0, 0).unwrap()), "26/03/2023 à 03:00");
    }
}
