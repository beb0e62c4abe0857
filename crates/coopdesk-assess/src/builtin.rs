//! The built-in template for cooperation at research infrastructures (`assets/templates/`).

use coopdesk_core::Problems;

use crate::load::read_template;
use crate::template::Template;

/// File name of the built-in template, as shown in errors.
pub const BUILTIN_FILE: &str = "assets/templates/ri-cooperation.toml";

/// The built-in template's source text, compiled into the binary so that it works offline.
pub const BUILTIN_SOURCE: &str = include_str!("../../../assets/templates/ri-cooperation.toml");

/// Reads the built-in template. It is checked by a test, so an error here means a broken build.
pub fn builtin_template() -> Result<Template, Problems> {
    read_template(BUILTIN_FILE, BUILTIN_SOURCE.as_bytes())
}
