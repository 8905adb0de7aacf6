//! Locking a filled sandbox down: SQLite limits on what one statement may build, and an
//! authorizer that allows reading the three tables and calling allow-listed functions only.

use std::ffi::{CStr, c_char, c_int, c_void};

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

use super::{FUNCTIONS, SandboxError, TABLES, copy_error};

/// Longest string or blob a query may build, and the longest SQL text it may be.
const MAX_VALUE_BYTES: c_int = 1024 * 1024;
const MAX_SQL_BYTES: c_int = 64 * 1024;

pub(super) async fn lock_down(connection: &mut SqliteConnection) -> Result<(), SandboxError> {
    let mut handle = connection.lock_handle().await.map_err(copy_error)?;
    let raw = handle.as_raw_handle().as_ptr();
    // SAFETY: `raw` is this connection's live handle, held locked for the duration of the calls;
    // the authorizer is a plain function with no state to outlive the connection.
    unsafe {
        ffi::sqlite3_limit(raw, ffi::SQLITE_LIMIT_ATTACHED, 0);
        ffi::sqlite3_limit(raw, ffi::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
        ffi::sqlite3_limit(raw, ffi::SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES);
        ffi::sqlite3_limit(raw, ffi::SQLITE_LIMIT_COMPOUND_SELECT, 20);
        ffi::sqlite3_limit(raw, ffi::SQLITE_LIMIT_EXPR_DEPTH, 100);
        let status =
            ffi::sqlite3_set_authorizer(raw, Some(authorize), std::ptr::null_mut::<c_void>());
        if status != ffi::SQLITE_OK {
            return Err(SandboxError::Copy("the authorizer could not be set".into()));
        }
    }
    Ok(())
}

/// SQLite asks this for every action a statement would take, while preparing it.
unsafe extern "C" fn authorize(
    _: *mut c_void,
    action: c_int,
    first: *const c_char,
    second: *const c_char,
    _: *const c_char,
    _: *const c_char,
) -> c_int {
    // SAFETY: SQLite passes NUL-terminated strings or null.
    let text = |pointer: *const c_char| unsafe {
        (!pointer.is_null()).then(|| CStr::from_ptr(pointer).to_string_lossy().to_lowercase())
    };
    let allowed = match action {
        ffi::SQLITE_SELECT => true,
        ffi::SQLITE_READ => text(first).is_some_and(|table| TABLES.contains(&table.as_str())),
        ffi::SQLITE_FUNCTION => text(second).is_some_and(|name| FUNCTIONS.contains(&name.as_str())),
        _ => false,
    };
    if allowed {
        ffi::SQLITE_OK
    } else {
        ffi::SQLITE_DENY
    }
}
