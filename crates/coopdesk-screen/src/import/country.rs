//! Country names as the UN and UK lists write them, read as ISO 3166-1 alpha-2 codes.
//!
//! The UN Consolidated List (`ENTITY_ADDRESS/COUNTRY`) and the UK lists ("Country", "Address
//! Country") name countries in English, in several spellings ("Iran (Islamic Republic of)", "Iran",
//! "Democratic People's Republic of Korea", "North Korea", "Russian Federation", "Russia",
//! "Türkiye", "Turkey"). Names are compared on their letters and digits, ignoring case, accents and
//! punctuation, so "Korea, Democratic People's Republic of" and "korea democratic peoples republic
//! of" are the same key. A name not in the table gives no country: the entry is kept without one
//! (a country is informative, never required).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// `CODE|name|other name|…`, one country a line; the first name is the ISO short name.
const COUNTRIES: &str = "\
AF|Afghanistan
AX|Aland Islands|Åland Islands
AL|Albania
DZ|Algeria
AS|American Samoa
AD|Andorra
AO|Angola
AI|Anguilla
AQ|Antarctica
AG|Antigua and Barbuda
AR|Argentina
AM|Armenia
AW|Aruba
AU|Australia
AT|Austria
AZ|Azerbaijan
BS|Bahamas|The Bahamas
BH|Bahrain
BD|Bangladesh
BB|Barbados
BY|Belarus
BE|Belgium
BZ|Belize
BJ|Benin
BM|Bermuda
BT|Bhutan
BO|Bolivia|Bolivia (Plurinational State of)|Plurinational State of Bolivia
BA|Bosnia and Herzegovina|Bosnia-Herzegovina
BW|Botswana
BR|Brazil
IO|British Indian Ocean Territory
VG|British Virgin Islands|Virgin Islands (British)
BN|Brunei|Brunei Darussalam
BG|Bulgaria
BF|Burkina Faso
BI|Burundi
CV|Cabo Verde|Cape Verde
KH|Cambodia
CM|Cameroon
CA|Canada
KY|Cayman Islands
CF|Central African Republic
TD|Chad
CL|Chile
CN|China|People's Republic of China|PRC|Mainland China
CX|Christmas Island
CC|Cocos (Keeling) Islands
CO|Colombia
KM|Comoros
CG|Congo|Republic of the Congo|Congo-Brazzaville|Congo (Brazzaville)
CD|Democratic Republic of the Congo|Congo, Democratic Republic of the|DR Congo|DRC|Congo (Kinshasa)|Congo-Kinshasa
CK|Cook Islands
CR|Costa Rica
CI|Côte d'Ivoire|Cote d'Ivoire|Ivory Coast
HR|Croatia
CU|Cuba
CW|Curaçao|Curacao
CY|Cyprus
CZ|Czechia|Czech Republic
DK|Denmark
DJ|Djibouti
DM|Dominica
DO|Dominican Republic
EC|Ecuador
EG|Egypt
SV|El Salvador
GQ|Equatorial Guinea
ER|Eritrea
EE|Estonia
SZ|Eswatini|Swaziland
ET|Ethiopia
FK|Falkland Islands|Falkland Islands (Malvinas)
FO|Faroe Islands
FJ|Fiji
FI|Finland
FR|France
GF|French Guiana
PF|French Polynesia
GA|Gabon
GM|Gambia|The Gambia
GE|Georgia
DE|Germany
GH|Ghana
GI|Gibraltar
GR|Greece
GL|Greenland
GD|Grenada
GP|Guadeloupe
GU|Guam
GT|Guatemala
GG|Guernsey
GN|Guinea
GW|Guinea-Bissau
GY|Guyana
HT|Haiti
VA|Holy See|Vatican City|Vatican
HN|Honduras
HK|Hong Kong|Hong Kong SAR|Hong Kong, China|Hong Kong Special Administrative Region of China|China, Hong Kong Special Administrative Region
HU|Hungary
IS|Iceland
IN|India
ID|Indonesia
IR|Iran|Iran (Islamic Republic of)|Islamic Republic of Iran|Iran, Islamic Republic of
IQ|Iraq
IE|Ireland
IM|Isle of Man
IL|Israel
IT|Italy
JM|Jamaica
JP|Japan
JE|Jersey
JO|Jordan
KZ|Kazakhstan
KE|Kenya
KI|Kiribati
KP|North Korea|Democratic People's Republic of Korea|Korea, Democratic People's Republic of|Korea (North)|DPRK|DPR Korea
KR|South Korea|Republic of Korea|Korea, Republic of|Korea (South)
XK|Kosovo
KW|Kuwait
KG|Kyrgyzstan|Kyrgyz Republic
LA|Laos|Lao People's Democratic Republic|Lao PDR
LV|Latvia
LB|Lebanon
LS|Lesotho
LR|Liberia
LY|Libya|Libyan Arab Jamahiriya
LI|Liechtenstein
LT|Lithuania
LU|Luxembourg
MO|Macao|Macau|Macao SAR|China, Macao Special Administrative Region
MG|Madagascar
MW|Malawi
MY|Malaysia
MV|Maldives
ML|Mali
MT|Malta
MH|Marshall Islands
MQ|Martinique
MR|Mauritania
MU|Mauritius
YT|Mayotte
MX|Mexico
FM|Micronesia|Micronesia (Federated States of)|Federated States of Micronesia
MD|Moldova|Republic of Moldova|Moldova, Republic of
MC|Monaco
MN|Mongolia
ME|Montenegro
MS|Montserrat
MA|Morocco
MZ|Mozambique
MM|Myanmar|Burma|Myanmar (Burma)
NA|Namibia
NR|Nauru
NP|Nepal
NL|Netherlands|The Netherlands|Netherlands (Kingdom of the)
NC|New Caledonia
NZ|New Zealand
NI|Nicaragua
NE|Niger
NG|Nigeria
NU|Niue
MK|North Macedonia|Macedonia|Republic of North Macedonia|The former Yugoslav Republic of Macedonia
MP|Northern Mariana Islands
NO|Norway
OM|Oman
PK|Pakistan
PW|Palau
PS|Palestine|State of Palestine|Occupied Palestinian Territory|Palestinian Territories|Gaza Strip|West Bank
PA|Panama
PG|Papua New Guinea
PY|Paraguay
PE|Peru
PH|Philippines|The Philippines
PN|Pitcairn
PL|Poland
PT|Portugal
PR|Puerto Rico
QA|Qatar
RE|Réunion|Reunion
RO|Romania
RU|Russia|Russian Federation
RW|Rwanda
BL|Saint Barthélemy|Saint Barthelemy
SH|Saint Helena
KN|Saint Kitts and Nevis
LC|Saint Lucia
MF|Saint Martin
PM|Saint Pierre and Miquelon
VC|Saint Vincent and the Grenadines
WS|Samoa
SM|San Marino
ST|Sao Tome and Principe|São Tomé and Príncipe
SA|Saudi Arabia|Kingdom of Saudi Arabia
SN|Senegal
RS|Serbia
SC|Seychelles
SL|Sierra Leone
SG|Singapore
SX|Sint Maarten
SK|Slovakia|Slovak Republic
SI|Slovenia
SB|Solomon Islands
SO|Somalia
ZA|South Africa
SS|South Sudan
ES|Spain
LK|Sri Lanka
SD|Sudan
SR|Suriname
SE|Sweden
CH|Switzerland
SY|Syria|Syrian Arab Republic
TW|Taiwan|Taiwan, Province of China|Chinese Taipei
TJ|Tajikistan
TZ|Tanzania|United Republic of Tanzania|Tanzania, United Republic of
TH|Thailand
TL|Timor-Leste|East Timor
TG|Togo
TK|Tokelau
TO|Tonga
TT|Trinidad and Tobago
TN|Tunisia
TR|Türkiye|Turkey|Turkiye
TM|Turkmenistan
TC|Turks and Caicos Islands
TV|Tuvalu
UG|Uganda
UA|Ukraine
AE|United Arab Emirates|UAE
GB|United Kingdom|UK|United Kingdom of Great Britain and Northern Ireland|Great Britain
US|United States|United States of America|USA|US
UY|Uruguay
UZ|Uzbekistan
VU|Vanuatu
VE|Venezuela|Venezuela (Bolivarian Republic of)|Bolivarian Republic of Venezuela
VN|Viet Nam|Vietnam
VI|US Virgin Islands|Virgin Islands (U.S.)
WF|Wallis and Futuna
EH|Western Sahara
YE|Yemen
ZM|Zambia
ZW|Zimbabwe
";

/// The comparison key of a country name: letters and digits in lower case without accents, words
/// separated by one space, a leading "the" dropped.
fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // "People's" and "Peoples" are one name.
        } else {
            pending_space = true;
        }
    }
    out.strip_prefix("the ").map(str::to_owned).unwrap_or(out)
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in COUNTRIES.lines() {
            let mut parts = line.split('|');
            let Some(code) = parts.next() else { continue };
            map.insert(key(code), code);
            for name in parts {
                map.insert(key(name), code);
            }
        }
        map
    })
}

/// The ISO 3166-1 alpha-2 code of a country written as the UN and UK lists write it (a name in one
/// of its usual English spellings, or the code itself), if the table knows it.
///
/// ```
/// use coopdesk_screen::import::country_code;
/// assert_eq!(country_code("Iran (Islamic Republic of)"), Some("IR"));
/// assert_eq!(country_code("Democratic People's Republic of Korea"), Some("KP"));
/// assert_eq!(country_code(" china "), Some("CN"));
/// assert_eq!(country_code("Atlantis"), None);
/// ```
#[must_use]
pub fn country_code(name: &str) -> Option<&'static str> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    table().get(&k).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_two_upper_case_letters_and_every_key_is_unambiguous() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for line in COUNTRIES.lines() {
            let mut parts = line.split('|');
            let code = parts.next().unwrap_or_default();
            assert!(
                code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{line}"
            );
            for name in parts {
                if let Some(other) = seen.insert(key(name), code) {
                    assert_eq!(other, code, "{name:?} names two countries");
                }
            }
        }
    }

    #[test]
    fn spellings_of_the_lists_are_read() {
        for (name, code) in [
            ("Russian Federation", "RU"),
            ("Russia", "RU"),
            ("Korea, Democratic People’s Republic of", "KP"),
            ("Syrian Arab Republic", "SY"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Hong Kong", "HK"),
            ("United Arab Emirates", "AE"),
            ("The Netherlands", "NL"),
            ("CN", "CN"),
            ("cn", "CN"),
            ("Côte d’Ivoire", "CI"),
        ] {
            assert_eq!(country_code(name), Some(code), "{name}");
        }
        assert_eq!(country_code(""), None);
        assert_eq!(country_code("---"), None);
    }
}
