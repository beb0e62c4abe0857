//! The built-in facility registry, vendored from the domain data snapshot
//! (`assets/reference/facilities.csv`, sources in its `source` column).

use coopdesk_core::{CountryCode, Facility, FacilityKind};

/// The vendored CSV, compiled in so the app needs no files at run time.
pub const FACILITIES_CSV: &str = include_str!("../../../assets/reference/facilities.csv");

#[derive(serde::Deserialize)]
struct Row {
    id: String,
    name_en: String,
    name_zh: String,
    country: String,
    city: String,
    kind: String,
    operator: String,
    operator_zh: String,
    notes: String,
    source: String,
}

/// Parses the built-in facilities. An error names the CSV line; the test suite proves the shipped
/// file parses, so at run time this only fails for a broken build.
pub fn builtin_facilities() -> Result<Vec<Facility>, String> {
    let opt = |s: String| {
        let t = s.trim().to_owned();
        (!t.is_empty()).then_some(t)
    };
    let mut out = Vec::new();
    let mut reader = csv::Reader::from_reader(FACILITIES_CSV.as_bytes());
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let r = row.map_err(|e| format!("facilities.csv line {line}: {e}"))?;
        let country = CountryCode::parse(&r.country).ok_or_else(|| {
            format!(
                "facilities.csv line {line}: country: not an ISO code: {}",
                r.country
            )
        })?;
        let kind = FacilityKind::parse(&r.kind)
            .ok_or_else(|| format!("facilities.csv line {line}: kind: unknown kind {}", r.kind))?;
        out.push(Facility {
            id: r.id,
            name: r.name_en,
            name_zh: opt(r.name_zh),
            country,
            city: opt(r.city),
            kind,
            operator: opt(r.operator),
            operator_zh: opt(r.operator_zh),
            notes: opt(r.notes),
            source: opt(r.source),
            builtin: true,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_facilities_parse_and_cover_both_regions() {
        let all = builtin_facilities().unwrap_or_else(|e| panic!("{e}"));
        assert!(all.len() >= 40, "{}", all.len());
        assert!(all.iter().any(|f| f.id == "de-petra3"));
        let heps = all.iter().find(|f| f.id == "cn-heps");
        assert_eq!(
            heps.and_then(|f| f.name_zh.as_deref()),
            Some("高能同步辐射光源")
        );
        let mut ids: Vec<_> = all.iter().map(|f| &f.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "facility ids are unique");
    }
}
