use crate::helpers::on_every_backend;

on_every_backend!(entities_match_the_migrations, |app| {
    let mismatches = app::server::entities::schema_check::mismatches(&app.db)
        .await
        .expect("introspect the schema");
    assert!(
        mismatches.is_empty(),
        "entities and migrations disagree:\n{}",
        mismatches.join("\n")
    );
});
