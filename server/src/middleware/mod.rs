//! Layers every request passes through: who is asking, cross-site protection, response headers.

pub mod csrf;
pub mod multipart_guard;
pub mod security_headers;
pub mod session;
