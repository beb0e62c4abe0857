//! Country names as offices write them in registers (English and German, short and formal forms),
//! read as ISO 3166-1 alpha-2 codes. A two-letter ISO code is accepted as it is.

use std::collections::HashMap;
use std::sync::OnceLock;

use coopdesk_core::CountryCode;

use crate::fold::fold;

/// `CODE|name|other name|…`, one country a line. Names are folded before comparing, so case,
/// accents and punctuation do not matter ("VR China", "V.R. China" and "vr china" are one key).
const NAMES: &str = "\
AR|Argentina|Argentinien
AT|Austria|Österreich|Oesterreich
AU|Australia|Australien
BE|Belgium|Belgien
BG|Bulgaria|Bulgarien
BR|Brazil|Brasilien
BY|Belarus|Weißrussland|Weissrussland
CA|Canada|Kanada
CH|Switzerland|Schweiz
CL|Chile
CN|China|VR China|Volksrepublik China|PR China|People's Republic of China|PRC|Mainland China|中国|中华人民共和国
CO|Colombia|Kolumbien
CY|Cyprus|Zypern
CZ|Czechia|Czech Republic|Tschechien|Tschechische Republik
DE|Germany|Deutschland|BRD|Bundesrepublik Deutschland
DK|Denmark|Dänemark|Daenemark
EE|Estonia|Estland
EG|Egypt|Ägypten|Aegypten
ES|Spain|Spanien
FI|Finland|Finnland
FR|France|Frankreich
GB|United Kingdom|UK|Great Britain|Britain|England|Scotland|Vereinigtes Königreich|Großbritannien|Grossbritannien|Schottland
GR|Greece|Griechenland
HK|Hong Kong|Hongkong|Hong Kong SAR|香港
HR|Croatia|Kroatien
HU|Hungary|Ungarn
ID|Indonesia|Indonesien
IE|Ireland|Irland
IL|Israel
IN|India|Indien
IR|Iran|Islamic Republic of Iran
IS|Iceland|Island
IT|Italy|Italien
JO|Jordan|Jordanien
JP|Japan|日本
KP|North Korea|Nordkorea|DPRK|Democratic People's Republic of Korea|Demokratische Volksrepublik Korea
KR|South Korea|Südkorea|Suedkorea|Korea|Republic of Korea|Republik Korea|한국
KZ|Kazakhstan|Kasachstan
LT|Lithuania|Litauen
LU|Luxembourg|Luxemburg
LV|Latvia|Lettland
MO|Macao|Macau|澳门
MT|Malta
MX|Mexico|Mexiko
MY|Malaysia
NL|Netherlands|The Netherlands|Niederlande|Holland
NO|Norway|Norwegen
NZ|New Zealand|Neuseeland
PK|Pakistan
PL|Poland|Polen
PT|Portugal
QA|Qatar|Katar
RO|Romania|Rumänien|Rumaenien
RS|Serbia|Serbien
RU|Russia|Russian Federation|Russland|Russische Föderation|Russische Foederation
SA|Saudi Arabia|Saudi-Arabien
SE|Sweden|Schweden
SG|Singapore|Singapur
SI|Slovenia|Slowenien
SK|Slovakia|Slowakei
TH|Thailand
TR|Turkey|Türkiye|Turkiye|Türkei|Tuerkei
TW|Taiwan|Republic of China|Republik China|台湾|臺灣
UA|Ukraine
AE|United Arab Emirates|UAE|Vereinigte Arabische Emirate|VAE
US|United States|United States of America|USA|U.S.A.|U.S.|America|Vereinigte Staaten|Vereinigte Staaten von Amerika|Amerika
VN|Vietnam|Viet Nam
ZA|South Africa|Südafrika|Suedafrika
";

/// Folded and without spaces, so "V.R. China" and "VR China" are one key.
fn key(name: &str) -> String {
    fold(name).replace(' ', "")
}

fn table() -> &'static HashMap<String, CountryCode> {
    static TABLE: OnceLock<HashMap<String, CountryCode>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in NAMES.lines() {
            let mut parts = line.split('|');
            let Some(code) = parts.next().and_then(CountryCode::parse) else {
                continue;
            };
            for name in parts {
                map.insert(key(name), code.clone());
            }
        }
        map
    })
}

/// The country a text names: a two-letter ISO code (`CN`, `de`) or a name from the table.
pub fn country(text: &str) -> Option<CountryCode> {
    let t = text.trim();
    if t.chars().count() == 2
        && t.chars().all(|c| c.is_ascii_alphabetic())
        && let Some(code) = CountryCode::parse(t)
    {
        return Some(code);
    }
    table().get(&key(t)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_and_german_and_english_names() {
        let cn = CountryCode::parse("CN");
        assert_eq!(country("CN"), cn);
        assert_eq!(country("cn"), cn);
        assert_eq!(country("VR China"), cn);
        assert_eq!(country("V.R. China"), cn);
        assert_eq!(country("China"), cn);
        assert_eq!(country("中国"), cn);
        assert_eq!(country("Südkorea"), CountryCode::parse("KR"));
        assert_eq!(country("Vereinigtes Königreich"), CountryCode::parse("GB"));
        assert_eq!(country("Atlantis"), None);
        assert_eq!(country("XX"), None, "not an assigned code");
    }
}
