//! Components shared by every feature.

pub mod forms;
pub mod hydration;
pub mod icons;
pub mod layout;
pub mod menu;
pub mod modal;
pub mod session;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod theme;
pub mod toast;
