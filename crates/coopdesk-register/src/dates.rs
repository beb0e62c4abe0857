//! Dates as registers hold them: Excel date cells and serial numbers, ISO (`2025-03-01`), German
//! (`1.3.2025`, `01.03.25`), month and year (`03/2025`, `März 2025`) and a bare year (`2025`).
//!
//! A date that names only a month or a year is a span: a start date takes its first day, an end
//! date its last (`Laufzeit 2025–2027` runs from 2025-01-01 to 2027-12-31).

use chrono::{Datelike, Days, NaiveDate};

use crate::cells::Cell;
use crate::fold::fold;

/// The days a written date may mean: one day, or the first and last day of a month or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// The first day the text may mean.
    pub first: NaiveDate,
    /// The last day the text may mean.
    pub last: NaiveDate,
}

impl DateSpan {
    fn day(d: NaiveDate) -> Self {
        DateSpan { first: d, last: d }
    }

    fn month(year: i32, month: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = first.checked_add_months(chrono::Months::new(1))?;
        Some(DateSpan {
            first,
            last: next.pred_opt()?,
        })
    }

    fn year(year: i32) -> Option<Self> {
        Some(DateSpan {
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }
}

/// Years a register date may fall in; a number outside is not taken for a date.
const YEARS: std::ops::RangeInclusive<i32> = 1950..=2100;

/// What an unreadable date should have looked like, for messages.
pub const DATE_FORMS: &str = "a date such as 2025-03-01, 1.3.2025, 01.03.25, 03/2025 or 2025";

/// Reads one date from a cell. `Ok(None)` for a blank cell; `Err` says what was found.
pub fn parse_date_cell(cell: &Cell) -> Result<Option<DateSpan>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(dt) => Ok(Some(DateSpan::day(dt.date()))),
        Cell::Number(n) => number_date(*n)
            .map(Some)
            .ok_or_else(|| format!("expected {DATE_FORMS}, found the number {}", cell.text())),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => parse_date_text(t)
            .map(Some)
            .ok_or_else(|| format!("expected {DATE_FORMS}, found \"{}\"", clip(t))),
        Cell::Bool(_) | Cell::Error(_) => {
            Err(format!("expected {DATE_FORMS}, found {}", cell.text()))
        }
    }
}

/// A number as a year (`2025`) or an Excel serial date in the 1900 date system.
fn number_date(n: f64) -> Option<DateSpan> {
    if n.fract() == 0.0 && YEARS.contains(&(n as i32)) && n.abs() < 1e6 {
        return DateSpan::year(n as i32);
    }
    serial_date(n).map(DateSpan::day)
}

/// Excel's serial day number (1900 system, including its fictitious 29 February 1900, which is
/// why day 61 onwards counts from 30 December 1899). The time of day is dropped.
pub fn serial_date(n: f64) -> Option<NaiveDate> {
    if !n.is_finite() || n < 1.0 {
        return None;
    }
    let days = n.floor() as u64;
    let epoch = if days >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    let d = epoch.checked_add_days(Days::new(days))?;
    YEARS.contains(&d.year()).then_some(d)
}

/// Reads date text in the forms of [`DATE_FORMS`], month names (`März 2025`, `Mar 2025`) and a
/// serial number typed as text (from a CSV export).
pub fn parse_date_text(text: &str) -> Option<DateSpan> {
    let t = text.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    let digits_only = t.chars().all(|c| c.is_ascii_digit());
    if digits_only {
        let n: f64 = t.parse().ok()?;
        return number_date(n);
    }
    // ISO: 2025-03-01, 2025-03, also with a time after it (2025-03-01T00:00:00, 2025-03-01 00:00).
    if let Some(d) = iso(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['.', '/']).map(str::trim).collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if nums.len() != parts.len() {
            return None;
        }
        return match nums.as_slice() {
            // Day first, as German registers write it: 1.3.2025, 01.03.25, 1/3/2025.
            [d, m, y] => {
                NaiveDate::from_ymd_opt(full_year(*y, parts[2])?, *m, *d).map(DateSpan::day)
            }
            // Month and year: 03/2025, 3.2025, 03/25.
            [m, y] => DateSpan::month(full_year(*y, parts[1])?, *m),
            _ => None,
        };
    }
    month_name(t)
}

fn iso(t: &str) -> Option<DateSpan> {
    let (date_part, time) = match t.find(['T', ' ']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    // Only a time of day may follow the date ("2025-03-01 00:00:00"), nothing else.
    if !time
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    {
        return None;
    }
    let parts: Vec<&str> = date_part.split('-').collect();
    if parts.first()?.len() != 4 {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(i32::try_from(*y).ok()?, *m, *d)
            .filter(|d| YEARS.contains(&d.year()))
            .map(DateSpan::day),
        [y, m] if parts.len() == 2 && parts[1].len() <= 2 => {
            let y = i32::try_from(*y).ok()?;
            YEARS.contains(&y).then(|| DateSpan::month(y, *m)).flatten()
        }
        _ => None,
    }
}

/// A year written with two digits belongs to this century up to 69 (`25` → 2025), else to the
/// last (`98` → 1998); four digits must fall in [`YEARS`].
fn full_year(y: u32, written: &str) -> Option<i32> {
    let y = i32::try_from(y).ok()?;
    let full = match written.len() {
        2 if y < 70 => 2000 + y,
        2 => 1900 + y,
        4 => y,
        _ => return None,
    };
    YEARS.contains(&full).then_some(full)
}

/// `März 2025`, `Mar. 2025`, `September 2026`: month names in German and English.
fn month_name(t: &str) -> Option<DateSpan> {
    const MONTHS: [(&str, u32); 24] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("mai", 5),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("okt", 10),
        ("oct", 10),
        ("nov", 11),
        ("dez", 12),
        ("dec", 12),
        ("marz", 3),
        ("januar", 1),
        ("februar", 2),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        ("sept", 9),
        ("maerz", 3),
    ];
    let folded = fold(t);
    let words: Vec<&str> = folded.split(' ').collect();
    let [name, year] = words.as_slice() else {
        return None;
    };
    let year: u32 = year.parse().ok()?;
    let year = full_year(year, &year.to_string())?;
    let month = MONTHS
        .iter()
        .find(|(m, _)| name.starts_with(m) && name.len() >= 3)
        .map(|(_, n)| *n)?;
    DateSpan::month(year, month)
}

/// Reads a period written in one cell: `01.03.2025 – 31.08.2026`, `2025-2027`, `03/2025 bis
/// 02/2027`, `ab 2025`, or a single date (taken as both start and end span).
pub fn parse_period_cell(cell: &Cell) -> Result<(Option<DateSpan>, Option<DateSpan>), String> {
    let text = match cell {
        Cell::Text(t) => t.trim().to_owned(),
        Cell::Empty => return Ok((None, None)),
        other => {
            let d = parse_date_cell(other)?;
            return Ok((d, d));
        }
    };
    if text.is_empty() {
        return Ok((None, None));
    }
    if let Some(d) = parse_date_text(&text) {
        return Ok((Some(d), Some(d)));
    }
    let bad = || {
        format!(
            "expected a period such as \"01.03.2025 – 31.08.2026\" or \"2025–2027\", found \"{}\"",
            clip(&text)
        )
    };
    let folded_words: Vec<String> = text.split_whitespace().map(fold).collect();
    // "ab 2025", "seit 03/2024", "from 2025": a start only; "bis 2027", "until 2027": an end only.
    if folded_words.len() == 2 {
        let rest = text.split_whitespace().nth(1).unwrap_or_default();
        match folded_words[0].as_str() {
            "ab" | "seit" | "from" | "since" => {
                return parse_date_text(rest)
                    .map(|d| (Some(d), None))
                    .ok_or_else(bad);
            }
            "bis" | "until" | "to" => {
                return parse_date_text(rest)
                    .map(|d| (None, Some(d)))
                    .ok_or_else(bad);
            }
            _ => {}
        }
    }
    for sep in ["–", "—", " - ", " bis ", " to ", " until ", "-"] {
        // Split at each occurrence in turn: "2025-03-01 - 2026-02-28" splits at " - ", and
        // "2025-2027" at the hyphen where both sides are dates.
        for (i, _) in text.match_indices(sep) {
            let (a, b) = (&text[..i], &text[i + sep.len()..]);
            if let (Some(s), Some(e)) = (parse_date_text(a), parse_date_text(b)) {
                return Ok((Some(s), Some(e)));
            }
        }
    }
    Err(bad())
}

/// Text clipped for a message.
pub(crate) fn clip(t: &str) -> String {
    let t = t.trim();
    if t.chars().count() > 80 {
        format!("{}…", t.chars().take(80).collect::<String>())
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn span(t: &str) -> Option<(NaiveDate, NaiveDate)> {
        parse_date_text(t).map(|s| (s.first, s.last))
    }

    #[test]
    fn serial_numbers_follow_excel() {
        // Excel shows 45717 as 2025-03-01 and 44197 as 2021-01-01.
        assert_eq!(serial_date(45717.0), Some(d(2025, 3, 1)));
        assert_eq!(serial_date(44197.0), Some(d(2021, 1, 1)));
        assert_eq!(
            serial_date(45717.75),
            Some(d(2025, 3, 1)),
            "time of day dropped"
        );
        assert_eq!(serial_date(0.5), None);
        assert_eq!(
            parse_date_cell(&Cell::Number(45717.0)).ok().flatten(),
            Some(DateSpan::day(d(2025, 3, 1)))
        );
        assert_eq!(
            parse_date_text("45717").map(|s| s.first),
            Some(d(2025, 3, 1))
        );
    }

    #[test]
    fn text_forms() {
        assert_eq!(span("2025-03-01"), Some((d(2025, 3, 1), d(2025, 3, 1))));
        assert_eq!(
            span("2025-03-01T00:00:00"),
            Some((d(2025, 3, 1), d(2025, 3, 1)))
        );
        assert_eq!(span("1.3.2025"), Some((d(2025, 3, 1), d(2025, 3, 1))));
        assert_eq!(span("01.03.25"), Some((d(2025, 3, 1), d(2025, 3, 1))));
        assert_eq!(span("31.12.99"), Some((d(1999, 12, 31), d(1999, 12, 31))));
        assert_eq!(span("03/2025"), Some((d(2025, 3, 1), d(2025, 3, 31))));
        assert_eq!(span("2/2024"), Some((d(2024, 2, 1), d(2024, 2, 29))));
        assert_eq!(span("2025-02"), Some((d(2025, 2, 1), d(2025, 2, 28))));
        assert_eq!(span("2025"), Some((d(2025, 1, 1), d(2025, 12, 31))));
        assert_eq!(span("März 2025"), Some((d(2025, 3, 1), d(2025, 3, 31))));
        assert_eq!(span("Sept. 2026"), Some((d(2026, 9, 1), d(2026, 9, 30))));
        for bad in [
            "31.02.2025",
            "Frühjahr 2025",
            "13/2025",
            "1.3.",
            "2025-13-01",
            "n/a",
            "12345",
        ] {
            assert_eq!(span(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods() {
        let p = |t: &str| {
            parse_period_cell(&Cell::Text(t.into()))
                .map(|(s, e)| (s.map(|s| s.first), e.map(|e| e.last)))
        };
        assert_eq!(
            p("01.03.2025 – 31.08.2026"),
            Ok((Some(d(2025, 3, 1)), Some(d(2026, 8, 31))))
        );
        assert_eq!(
            p("2025-2027"),
            Ok((Some(d(2025, 1, 1)), Some(d(2027, 12, 31))))
        );
        assert_eq!(
            p("2025-03-01 - 2026-02-28"),
            Ok((Some(d(2025, 3, 1)), Some(d(2026, 2, 28))))
        );
        assert_eq!(
            p("03/2025 bis 02/2027"),
            Ok((Some(d(2025, 3, 1)), Some(d(2027, 2, 28))))
        );
        assert_eq!(p("ab 2025"), Ok((Some(d(2025, 1, 1)), None)));
        assert_eq!(p("2026"), Ok((Some(d(2026, 1, 1)), Some(d(2026, 12, 31)))));
        assert!(p("demnächst").is_err());
    }
}
