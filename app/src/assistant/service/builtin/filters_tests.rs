use super::super::{Measure, understand::tests::Words};

#[test]
fn tags_notes_and_receipts_narrow_the_expenses() {
    let words = Words::new();
    let plan = words.plan("spending tagged as gift this year");
    assert_eq!(plan.tags, ["gift"]);
    let plan = words.plan("how much went on things with the family tag");
    assert_eq!(plan.tags, ["family"]);
    let plan = words.plan("purchases missing a receipt in march");
    assert_eq!(plan.receipt, Some(false));
    let plan = words.plan("how many expenses have receipts attached");
    assert_eq!((plan.receipt, plan.measure), (Some(true), Measure::Count));
    let plan = words.plan("dining with notes mentioning oatmilk");
    assert_eq!(plan.note.as_deref(), Some("oatmilk"));
    // A tag that is also a kind of spending stays a tag.
    assert!(words.plan("expenses tagged travel").categories.is_empty());
}
